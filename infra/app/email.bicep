// Azure Communication Services + Email Communication Service with an Azure-managed *.azurecomm.net domain
// (reference functions-custom-handler.md §4.4). The app sends with its managed identity (Entra token for
// https://communication.azure.com/.default) to Email__Endpoint, from Email__Sender.
param communicationServiceName string
param emailServiceName string
param tags object = {}

@description('Data residency of ACS and the email service; both must match to link the domain.')
param dataLocation string = 'United States'

param identityPrincipalId string

@description('Also store the ACS connection string (HMAC access key) in Key Vault as Email--ConnectionString.')
param storeConnectionString bool = false
param keyVaultName string

// No send-only built-in role for Entra-authenticated email exists as far as we know (least privilege is not confirmed,
// reference §9): 'Communication and Email Service Owner', scoped to this ACS resource only.
var communicationAndEmailServiceOwner = '09976791-48a7-449e-bb21-39d1a415f350'

resource emailService 'Microsoft.Communication/emailServices@2023-03-31' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource managedDomain 'Microsoft.Communication/emailServices/domains@2023-03-31' = {
  parent: emailService
  name: 'AzureManagedDomain' // fixed name for the Azure-managed domain
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-03-31' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      managedDomain.id
    ]
  }
}

resource identitySendsEmail 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communicationService.id, identityPrincipalId, communicationAndEmailServiceOwner)
  scope: communicationService
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', communicationAndEmailServiceOwner)
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource connectionStringSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (storeConnectionString) {
  parent: vault
  name: 'Email--ConnectionString'
  properties: {
    value: communicationService.listKeys().primaryConnectionString
    contentType: 'text/plain'
  }
}

output endpoint string = 'https://${communicationService.properties.hostName}'
output senderAddress string = 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'
output communicationServiceName string = communicationService.name
