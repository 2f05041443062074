// O365Functions on Azure: `azd up` deploys this at subscription scope. One resource group holds a Flex Consumption
// Function App, its storage (deployment package, Durable Functions' queues and tables, the gateway's state), a Key
// Vault for secrets, monitoring, and one user-assigned identity with exactly the roles the app needs.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('azd environment name; names and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region of every resource: one where Flex Consumption runs (azd offers only these).')
@allowed([
  'australiaeast'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'northcentralus'
  'northeurope'
  'southcentralus'
  'southeastasia'
  'swedencentral'
  'uksouth'
  'westcentralus'
  'westeurope'
  'westus2'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Six-field NCrontab schedule of the finished-workflow purge (WorkflowPurgeSchedule).')
param workflowPurgeSchedule string = '0 30 3 * * *'

@description('Six-field NCrontab schedule of the purge of OAuth nonces past their retention (ApsNoncePurgeSchedule).')
param apsNoncePurgeSchedule string = '0 15 * * * *'

@description('Six-field NCrontab schedule of the refresh-token keep-alive (TokenKeepAliveSchedule).')
param tokenKeepAliveSchedule string = '0 0 4 * * *'

@description('Six-field NCrontab schedule of the sync of every instance\'s catalog with Microsoft\'s (CatalogSyncSchedule).')
param catalogSyncSchedule string = '0 0 5 * * *'

@description('Six-field NCrontab schedule of the daily reconciliation of every provisioned tenant with Partner Center (ReconciliationSchedule).')
param reconciliationSchedule string = '0 0 6 * * *'

@minValue(1)
@description('Days a finished workflow\'s history is kept before the purge deletes it (WorkflowHistoryRetentionDays).')
param workflowHistoryRetentionDays int = 30

@description('The URL Partner Center sends webhooks to (Webhooks__CallbackUri); empty means the app\'s own https://<default host name>/webhooks/partner-center. Set it when a custom domain or a gateway fronts the app.')
param webhookCallbackUri string = ''

@description('Partner Centers besides the public cloud (always trusted) whose webhook callbacks the gateway trusts, such as 21Vianet\'s, US Government\'s or a staging stand-in: objects { name, certificateOrigin, organization?, revocationMode? } (Webhooks__Signature__Clouds__{name}__...). The signing chain must build to the machine\'s roots.')
param webhookTrustedClouds array = []

@description('An OpenTelemetry collector the app sends its traces and metrics to over OTLP (OTEL_EXPORTER_OTLP_ENDPOINT); empty sends none.')
param otlpEndpoint string = ''

@minValue(40)
@maxValue(1000)
@description('Maximum Flex Consumption instances (Flex allows 40 to 1,000).')
param maximumInstanceCount int = 40

@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
@description('The hosting plan: Flex Consumption (APS OAuth mode), or Elastic Premium EP1 for APS certificate mode, which needs the platform to forward the controller\'s client certificate.')
param hostingPlan string = 'FlexConsumption'

@description('Turn on the Key Vault\'s purge protection. Off by default so that `azd down --purge` then `azd up` can re-create the environment; on, a deleted vault (and its consent) is kept for 90 days and its name cannot be reused until then.')
param keyVaultPurgeProtection bool = false

@description('Give the identity that runs the deployment Key Vault Secrets Officer on the vault, so the operator can write the first secrets.')
param grantDeployerSecretsOfficer bool = true

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: group
  params: {
    name: 'id-${token}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: group
  params: {
    logAnalyticsName: 'log-${token}'
    applicationInsightsName: 'appi-${token}'
    location: location
    tags: tags
    publisherPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: group
  params: {
    name: 'st${token}'
    location: location
    tags: tags
    deploymentContainerName: 'deployment'
    principalId: identity.outputs.principalId
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: group
  params: {
    name: 'kv-${token}'
    location: location
    tags: tags
    principalId: identity.outputs.principalId
    purgeProtection: keyVaultPurgeProtection
    deployerPrincipalId: grantDeployerSecretsOfficer ? deployer().objectId : ''
  }
}

// Read by the gateway (PartnerCenterWebhookServiceCollectionExtensions binds Webhooks:Signature): one entry per trusted cloud.
var webhookTrustSettings = reduce(webhookTrustedClouds, {}, (settings, cloud) => union(settings, {
  'Webhooks__Signature__Clouds__${cloud.name}__CertificateOrigins__0': cloud.certificateOrigin
  'Webhooks__Signature__Clouds__${cloud.name}__Organization': cloud.?organization ?? 'Microsoft Corporation'
  'Webhooks__Signature__Clouds__${cloud.name}__RevocationMode': cloud.?revocationMode ?? 'Online'
}))

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: group
  params: {
    planName: 'plan-${token}'
    appName: 'func-${token}'
    location: location
    tags: union(tags, { 'azd-service-name': 'gateway' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    deploymentContainerUri: '${storage.outputs.blobEndpoint}deployment'
    maximumInstanceCount: maximumInstanceCount
    hostingPlan: hostingPlan
    extraAppSettings: webhookTrustSettings
    appSettings: {
      // Read by the Functions host: its own storage and Durable Functions' Azure Storage backend, by identity.
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.outputs.clientId
      AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
      AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
      AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
      // Read by host.json (%TaskHubName%): Durable Functions' task hub.
      TaskHubName: 'o365functions'
      // Read by the gateway (O365Functions.FunctionApp.AzureGatewaySettings); the timers read WorkflowPurgeSchedule, ApsNoncePurgeSchedule, TokenKeepAliveSchedule, CatalogSyncSchedule and ReconciliationSchedule.
      AZURE_CLIENT_ID: identity.outputs.clientId
      Storage__TableServiceUri: storage.outputs.tableEndpoint
      Secrets__KeyVaultUri: vault.outputs.uri
      WorkflowPurgeSchedule: workflowPurgeSchedule
      ApsNoncePurgeSchedule: apsNoncePurgeSchedule
      TokenKeepAliveSchedule: tokenKeepAliveSchedule
      CatalogSyncSchedule: catalogSyncSchedule
      ReconciliationSchedule: reconciliationSchedule
      WorkflowHistoryRetentionDays: string(workflowHistoryRetentionDays)
      Webhooks__CallbackUri: webhookCallbackUri
      OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint
    }
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_GATEWAY_NAME string = functionApp.outputs.name
output SERVICE_GATEWAY_URI string = functionApp.outputs.uri
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = vault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
