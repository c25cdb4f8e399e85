// Flex Consumption plan (FC1) + the OrderTracking function app (.NET 10 isolated worker).
param name string
param planName string
param location string = resourceGroup().location
param tags object = {}

@description('Must equal the service key in azure.yaml: azd finds the deployment target by this tag.')
param serviceName string = 'api'

param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsConnectionString string

@allowed([
  'dotnet-isolated'
])
param runtimeName string = 'dotnet-isolated'
param runtimeVersion string = '10.0'

// 100 is the platform default; at least 40 so bursts are absorbed.
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Extra app settings (name -> value), merged over the computed ones. Secrets arrive as Key Vault references.')
param appSettings object = {}

@description('Public base URL for links in emails and the widget; empty = https://<default host name>.')
param publicBaseUrl string = ''

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with the user-assigned identity (it holds Key Vault Secrets User).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
      // No platform CORS on purpose: the handler answers CORS itself from Tracking__AllowedOrigins (DESIGN §9);
      // platform CORS would take precedence over the app's headers.
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }
}

// Flex: FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and WEBSITE_RUN_FROM_PACKAGE must NOT be set; the
// runtime comes from functionAppConfig.runtime ("Flex Consumption plan deprecations" in functions-app-settings).
var platformSettings = {
  // Identity-based host storage (user-assigned identity); also the connection of every queue trigger, and what
  // the app's own Table/Queue clients read (DESIGN §10).
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  // Selects the user-assigned identity for Azure.Identity credentials in the app (ACS Email, storage).
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  Tracking__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${functionApp.properties.defaultHostName}' : publicBaseUrl
  // .NET 10 isolated apps on Flex can crash during placeholder specialization (azure-functions-dotnet-worker#3335);
  // starting the app's own worker directly avoids it at the cost of a slightly slower cold start.
  WEBSITE_USE_PLACEHOLDER_DOTNETISOLATED: '0'
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(platformSettings, appSettings)
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
output uri string = 'https://${functionApp.properties.defaultHostName}'
output publicBaseUrl string = platformSettings.Tracking__PublicBaseUrl
