// User-assigned managed identity of the function app (DESIGN §12). One identity for everything: host storage,
// the app's own table/queue clients, Application Insights (AAD ingestion), Key Vault references and ACS Email.
param name string
param location string = resourceGroup().location
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
