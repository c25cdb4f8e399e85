// Key Vault (RBAC mode) holding the app's secrets (DESIGN §10, §12). The function app reads them through
// @Microsoft.KeyVault(SecretUri=...) app-setting references resolved with its user-assigned identity.
param name string
param location string = resourceGroup().location
param tags object = {}
param identityPrincipalId string

@description('Purge protection cannot be turned off once on; a purge-protected vault name stays reserved for the soft-delete retention period after `azd down`.')
param enablePurgeProtection bool = true

@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 7

@secure()
@description('App-setting name (with __) -> secret value. Only non-empty values become secrets (empty = feature off, fail closed).')
param secrets object

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // ARM rejects an explicit false: omit the property (null) to leave purge protection off.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

// Secret names allow only letters, digits and '-': 'Stripe__WebhookSecrets' is stored as 'Stripe--WebhookSecrets'.
resource secretValues 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for secret in items(secrets): if (!empty(secret.value)) {
    parent: vault
    name: replace(secret.key, '__', '--')
    properties: {
      value: secret.value
      contentType: 'text/plain'
    }
  }
]

resource identitySecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityPrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

output id string = vault.id
output name string = vault.name
@description('Vault URI with a trailing slash, e.g. https://kv-x.vault.azure.net/')
output uri string = vault.properties.vaultUri
