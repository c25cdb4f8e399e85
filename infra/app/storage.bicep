// Storage account for the Functions host (leases, timers, queue triggers), the app's own tables and queues
// (DESIGN §5) and the Flex deployment package container. Shared keys are disabled: every caller uses Entra ID.
param name string
param location string = resourceGroup().location
param tags object = {}
param deploymentContainerName string

@description('Tables of DESIGN §5 (contract names) and the app\'s own indexes (docs/storage.md). The app also creates them; pre-creating is idempotent.')
param tableNames array = [
  'Orders'
  'ShipmentIndex'
  'PollSchedule'
  'Notifications'
  'WebhookReceipts'
  'CarrierState'
  'PlatformSync'
  'DelayChecks'
  'Expiries'
  'OrderArchive'
  'OrderLookup'
  'RateLimits'
  'Kpis'
  'KpiChecks'
]

@description('Queues of DESIGN §5 (contract names), each with its -poison twin.')
param queueNames array = [
  'inbound-events'
  'poll-requests'
  'notifications'
  'platform-sync'
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for q in flatten(map(queueNames, n => [n, '${n}-poison'])): {
    parent: queueService
    name: q
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for t in tableNames: {
    parent: tableService
    name: t
  }
]

output id string = storage.id
output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
