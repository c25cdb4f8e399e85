// OrderTracking on Azure Functions Flex Consumption (DESIGN §2, §3, §10, §12). Deployed by `azd up`; see docs/deploy.md.
// Layout follows Azure-Samples/functions-quickstart-dotnet-azd with plain resources instead of registry modules.
targetScope = 'subscription'

// ---------------------------------------------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------------------------------------------
@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group (rg-<env>) and seeds resource names.')
param environmentName string

@minLength(1)
@description('Primary location for all resources. Must offer Flex Consumption (FC1).')
param location string

@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID); gets storage data roles for debugging. Empty = none.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

// ---------------------------------------------------------------------------------------------------------------
// Hosting
// ---------------------------------------------------------------------------------------------------------------
// The app is a .NET 10 isolated worker (DESIGN §2): Flex runs it as dotnet-isolated 10.0.
var functionRuntimeName = 'dotnet-isolated'
var runtimeVersion = '10.0'

// 100 is the platform default; below 40 instances Flex cannot absorb a busy season's webhook bursts.
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Log Analytics daily ingestion cap in GB (the main variable monitoring cost); -1 = no cap.')
param logDailyQuotaGb int = -1

@description('Email address the operator alerts (poison queue, carrier 429s) notify; empty = alerts only in the portal.')
param alertEmail string = ''

// ---------------------------------------------------------------------------------------------------------------
// Non-secret app settings (DESIGN §10)
// ---------------------------------------------------------------------------------------------------------------
@description('NCRONTAB (6 fields, UTC) for SchedulePolls; empty = every minute.')
param pollSchedule string = ''

@description('Comma-separated storefront origins allowed by CORS on the read API; empty = none.')
param trackingAllowedOrigins string = ''

@description('Public base URL for tracking links (custom domain, front door); empty = https://<function app host>.')
param trackingPublicBaseUrl string = ''

@allowed([
  'sandbox'
  'live'
])
param paypalEnvironment string = 'sandbox'
param paypalClientId string = ''
param paypalWebhookId string = ''

@description('e.g. my-shop.myshopify.com')
param shopifyShopDomain string = ''
@description('Shopify Admin API version; empty = 2026-10.')
param shopifyApiVersion string = ''

param upsClientId string = ''
param fedexClientId string = ''
param uspsClientId string = ''

@description('Extra app settings (name -> value) merged last, e.g. {"Carriers__Sandbox__Enabled": "true"}. Never put secrets here.')
param additionalAppSettings object = {}

// ---------------------------------------------------------------------------------------------------------------
// Email (Azure Communication Services)
// ---------------------------------------------------------------------------------------------------------------
@description('Create ACS + Email with an Azure-managed domain. false = no Email__* settings (no emails are sent from Azure).')
param emailEnabled bool = true

@description('Data residency of ACS and the email service, e.g. United States, Europe, UK.')
param emailDataLocation string = 'United States'

@description('Sender address on a verified custom email domain connected to the Communication Service; empty = DoNotReply@ the Azure-managed domain (5 emails a minute, 10 an hour).')
param emailSenderAddress string = ''

@description('Also put the ACS connection string (access key) in Key Vault and set Email__ConnectionString. Off by default: the app uses its managed identity.')
param emailUseConnectionString bool = false

// ---------------------------------------------------------------------------------------------------------------
// Key Vault and secrets. Empty = the feature is off and the app fails closed (DESIGN §12).
// Lists are comma separated so keys can rotate (DESIGN §10).
// ---------------------------------------------------------------------------------------------------------------
param keyVaultEnablePurgeProtection bool = true

@secure()
param stripeWebhookSecrets string = ''
@secure()
param stripeApiKey string = ''
@secure()
param paypalClientSecret string = ''
@secure()
param shopifyWebhookSecrets string = ''
@secure()
param shopifyAccessToken string = ''
@secure()
param upsClientSecret string = ''
@secure()
param fedexClientSecret string = ''
@secure()
param uspsClientSecret string = ''
@secure()
param dhlApiKey string = ''

@description('Twilio account SID (AC...) for texts; empty = no texts from Azure (the app would write them to a local outbox).')
param twilioAccountSid string = ''
@secure()
param twilioAuthToken string = ''
@description('Twilio sender: an E.164 number, or leave empty and set twilioMessagingServiceSid.')
param twilioFrom string = ''
param twilioMessagingServiceSid string = ''
@description('\'true\' texts every order that has a phone number; empty = only orders registered with sms: true.')
param smsEnabled string = ''

@secure()
@description('Read-token HMAC key(s), comma separated. azd\'s preprovision hook pins a random one in the environment; if still empty, generatedReadTokenKey is used.')
param trackingReadTokenKey string = ''

@secure()
@description('Fallback read-token key, random on every deployment (newGuid). Only used when trackingReadTokenKey is empty: that rotates the key, and invalidates issued tokens, on each deployment.')
param generatedReadTokenKey string = '${uniqueString(newGuid())}${replace(newGuid(), '-', '')}${replace(newGuid(), '-', '')}'

// ---------------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------------
var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var serviceName = 'api' // == the service key in azure.yaml
var functionAppName = '${abbrs.webSitesFunctions}${serviceName}-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(toLower(uniqueString(functionAppName, resourceToken)), 7)}'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'
// Known before deployment (keeps the Key Vault references below free of runtime values).
var keyVaultUri = 'https://${keyVaultName}${environment().suffixes.keyvaultDns}/'

// App-setting name -> secret value. Names use __ (DESIGN §10); Key Vault stores them with -- instead.
var secretSettings = {
  Stripe__WebhookSecrets: stripeWebhookSecrets
  Stripe__ApiKey: stripeApiKey
  PayPal__ClientSecret: paypalClientSecret
  Shopify__WebhookSecrets: shopifyWebhookSecrets
  Shopify__AccessToken: shopifyAccessToken
  Carriers__Ups__ClientSecret: upsClientSecret
  Carriers__FedEx__ClientSecret: fedexClientSecret
  Carriers__Usps__ClientSecret: uspsClientSecret
  Carriers__Dhl__ApiKey: dhlApiKey
  Twilio__AuthToken: twilioAuthToken
  Tracking__ReadTokenKey: empty(trackingReadTokenKey) ? generatedReadTokenKey : trackingReadTokenKey
}
var enabledSecretNames = filter(objectKeys(secretSettings), name => !empty(secretSettings[name]))

// ---------------------------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------------------------
resource rg 'Microsoft.Resources/resourceGroups@2022-09-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${serviceName}-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    dailyQuotaGb: logDailyQuotaGb
  }
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    namePrefix: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    alertEmail: alertEmail
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
    enablePurgeProtection: keyVaultEnablePurgeProtection
    secrets: secretSettings
  }
}

module email 'app/email.bicep' = if (emailEnabled) {
  name: 'email'
  scope: rg
  params: {
    communicationServiceName: '${abbrs.communicationServices}${resourceToken}'
    emailServiceName: '${abbrs.communicationEmailServices}${resourceToken}'
    tags: tags
    dataLocation: emailDataLocation
    identityPrincipalId: identity.outputs.principalId
    storeConnectionString: emailUseConnectionString
    keyVaultName: keyVault.outputs.name
  }
}

// Key Vault references: versionless SecretUri, so a rotated secret is picked up on restart or within 24 h.
var secretReferences = toObject(enabledSecretNames, name => name, name => '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${replace(name, '__', '--')}/)')

var emailConnectionStringSetting = {
  Email__ConnectionString: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/Email--ConnectionString/)'
}
var emailEndpointSettings = emailEnabled ? {
  Email__Endpoint: email!.outputs.endpoint
  Email__Sender: empty(emailSenderAddress) ? email!.outputs.senderAddress : emailSenderAddress
} : {}
var emailSettings = union(emailEndpointSettings, emailEnabled && emailUseConnectionString ? emailConnectionStringSetting : {})

// Non-secret settings; empty values are omitted so the app sees "not configured" rather than "".
var plainSettingValues = {
  PollSchedule: empty(pollSchedule) ? '0 */1 * * * *' : pollSchedule
  Tracking__AllowedOrigins: trackingAllowedOrigins
  PayPal__Environment: paypalEnvironment
  PayPal__ClientId: paypalClientId
  PayPal__WebhookId: paypalWebhookId
  Shopify__ShopDomain: shopifyShopDomain
  Shopify__ApiVersion: empty(shopifyApiVersion) ? '2026-10' : shopifyApiVersion
  Carriers__Ups__ClientId: upsClientId
  Carriers__FedEx__ClientId: fedexClientId
  Carriers__Usps__ClientId: uspsClientId
  Twilio__AccountSid: twilioAccountSid
  Twilio__From: twilioFrom
  Twilio__MessagingServiceSid: twilioMessagingServiceSid
  Sms__Enabled: smsEnabled
}
var plainSettings = toObject(filter(items(plainSettingValues), setting => !empty(setting.value)), setting => setting.key, setting => setting.value)

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    serviceName: serviceName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    runtimeName: functionRuntimeName
    runtimeVersion: runtimeVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    publicBaseUrl: trackingPublicBaseUrl
    appSettings: union(plainSettings, emailSettings, secretReferences, additionalAppSettings)
  }
  // Roles first: the host needs storage on start-up, and Key Vault references (secrets + Secrets User role, both in
  // the keyVault module) resolve at start-up. The linter sees keyVault as implied through the email module, but that
  // module is conditional: with email off, only this entry orders Key Vault before the app.
  dependsOn: [
    rbac
    #disable-next-line no-unnecessary-dependson
    keyVault
  ]
}

// ---------------------------------------------------------------------------------------------------------------
// Outputs (become azd environment values)
// ---------------------------------------------------------------------------------------------------------------
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_FUNCTION_NAME string = api.outputs.name
output AZURE_FUNCTION_URL string = api.outputs.uri
output TRACKING_PUBLIC_BASE_URL string = api.outputs.publicBaseUrl
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output EMAIL_ENDPOINT string = emailEnabled ? email!.outputs.endpoint : ''
output EMAIL_SENDER string = emailEnabled ? (empty(emailSenderAddress) ? email!.outputs.senderAddress : emailSenderAddress) : ''
