// The plan and the Function App (.NET 10 isolated worker), running as the user-assigned identity. On Flex
// Consumption (the default) it deploys from a blob container by that identity, and worker runtime and version are
// set in functionAppConfig, as Flex requires; Flex does not offer the platform's client-certificate features, so the
// APS controller authenticates with OAuth there. Elastic Premium (EP1) forwards the controller's certificate for APS
// certificate mode; there runtime and version are site and app settings, and azd deploys a package the app runs from.
param planName string
param appName string
param location string
param tags object
param identityId string
param identityClientId string
param deploymentContainerUri string
param maximumInstanceCount int
param appSettings object
@description('Settings whose names are made from parameters (each trusted webhook cloud\'s), added to appSettings.')
param extraAppSettings object = {}
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string

var flex = hostingPlan == 'FlexConsumption'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: flex ? 'functionapp' : 'elastic'
  sku: flex ? { name: 'FC1', tier: 'FlexConsumption' } : { name: 'EP1', tier: 'ElasticPremium' }
  properties: {
    reserved: true
    maximumElasticWorkerCount: flex ? null : 20
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // In APS certificate mode the controller authenticates with a TLS client certificate; App Service asks for one
    // only of clients that are not browsers (OptionalInteractiveUser: the partner's admin on /consent/callback is not
    // prompted; Partner Center's webhooks and health probes send none) and forwards it in X-ARR-ClientCert, which the
    // APS endpoint reads.
    clientCertEnabled: true
    clientCertMode: 'OptionalInteractiveUser'
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      linuxFxVersion: flex ? null : 'DOTNET-ISOLATED|10.0'
    }
    functionAppConfig: !flex ? null : {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUri
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: 2048
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: union(extraAppSettings, flex ? appSettings : union(appSettings, {
      FUNCTIONS_EXTENSION_VERSION: '~4'
      FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
      WEBSITE_RUN_FROM_PACKAGE: '1'
    }))
  }
}

output name string = app.name
output uri string = 'https://${app.properties.defaultHostName}'
output identityClientId string = identityClientId
