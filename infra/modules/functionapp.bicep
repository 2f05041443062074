// The Flex Consumption plan and the Function App (.NET 10 isolated worker), running as the user-assigned identity,
// deploying from a blob container by that identity. Worker runtime and version are set in functionAppConfig, as
// Flex requires, not in app settings.
param planName string
param appName string
param location string
param tags object
param identityId string
param identityClientId string
param deploymentContainerUri string
param maximumInstanceCount int
param appSettings object

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
    reserved: true
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
    // The APS controller authenticates with a TLS client certificate; App Service asks for one (Optional: Partner
    // Center's webhooks and health probes send none) and forwards it in X-ARR-ClientCert, which the APS endpoint reads.
    clientCertEnabled: true
    clientCertMode: 'Optional'
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
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
    properties: appSettings
  }
}

output name string = app.name
output uri string = 'https://${app.properties.defaultHostName}'
output identityClientId string = identityClientId
