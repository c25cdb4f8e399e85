// Log Analytics workspace + workspace-based Application Insights with local (instrumentation-key) auth disabled:
// the app publishes telemetry with its managed identity (Monitoring Metrics Publisher, see rbac.bicep).
param logAnalyticsName string
param applicationInsightsName string
param location string = resourceGroup().location
param tags object = {}

@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Daily ingestion cap in GB for the workspace; -1 = no cap.')
param dailyQuotaGb int = -1

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

output applicationInsightsId string = applicationInsights.id
output applicationInsightsName string = applicationInsights.name
output connectionString string = applicationInsights.properties.ConnectionString
output logAnalyticsId string = logAnalytics.id
