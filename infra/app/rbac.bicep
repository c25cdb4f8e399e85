// Data-plane roles for the function app's managed identity and, optionally, for the deploying user (debugging
// with Azure Storage Explorer / az CLI --auth-mode login). Management-plane roles are deliberately not granted:
// - Storage Account Contributor is NOT needed. With identity-based AzureWebJobsStorage the Functions host only
//   uses the data plane (blob leases for timers and singletons, queue triggers, the deployment package), which the
//   three data roles below cover; the tables and queues of DESIGN §5 are created by this template (and, if the app
//   creates them itself, the data roles allow that too). Shared keys are disabled, so listKeys is never needed.
param storageAccountName string
param applicationInsightsName string
param identityPrincipalId string

@description('Object id of the deploying user or CI principal; empty = no roles for it.')
param userPrincipalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param userPrincipalType string = 'User'

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // host leases/timers, deployment package
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // queue triggers, -poison, app queue client
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // DESIGN §5 tables
}
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb' // Entra-authenticated telemetry ingestion

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource identityStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roles): {
    name: guid(storage.id, identityPrincipalId, role.value)
    scope: storage
    properties: {
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    }
  }
]

resource identityMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identityPrincipalId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}

resource userStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roles): if (!empty(userPrincipalId)) {
    name: guid(storage.id, userPrincipalId, role.value)
    scope: storage
    properties: {
      principalId: userPrincipalId
      principalType: userPrincipalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    }
  }
]

resource userMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(applicationInsights.id, userPrincipalId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: userPrincipalId
    principalType: userPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}
