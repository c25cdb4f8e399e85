// Operator alerts on the app's own metrics (OpenTelemetry → Application Insights → the workspace's AppMetrics table):
// a poison queue holding anything, and a carrier answering 429 to more than a share of the calls. Runbook:
// docs/operations.md. With an email address, an action group notifies it; without, the alerts show in the portal.
param applicationInsightsId string
param namePrefix string
param location string = resourceGroup().location
param tags object = {}

@description('Email address the alerts notify; empty = no action group (alerts only in the portal).')
param alertEmail string = ''

@description('Carrier 429 share of calls over 15 minutes that fires the throttling alert.')
param carrierThrottleRatio string = '0.05'

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${namePrefix}-ops'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'ordertrack'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var actions = empty(alertEmail) ? {} : {
  actionGroups: [ actionGroup.id ]
}

resource poisonAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${namePrefix}-poison-queue'
  location: location
  tags: tags
  properties: {
    displayName: 'OrderTracking: a poison queue holds messages'
    description: 'A message failed 5 times and was moved to a -poison queue. List and replay: GET /api/ops/poison, POST /api/ops/poison/{queue}/replay (docs/operations.md).'
    severity: 2
    enabled: true
    scopes: [ applicationInsightsId ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'AppMetrics | where Name == "ordertracking.queue.poison.length" | extend queue = tostring(Properties["queue"]) | summarize length = max(Max) by queue'
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'length'
          dimensions: [
            {
              name: 'queue'
              operator: 'Include'
              values: [ '*' ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: actions
  }
}

resource throttleAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${namePrefix}-carrier-429'
  location: location
  tags: tags
  properties: {
    displayName: 'OrderTracking: a carrier is throttling (429)'
    description: 'More than ${carrierThrottleRatio} of a carrier\'s calls answered 429 in 15 minutes: the configured limit is above what the carrier grants. Lower Carriers:{Carrier}:RequestsPerSecond or ask the carrier for more (docs/operations.md).'
    severity: 3
    enabled: true
    scopes: [ applicationInsightsId ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'AppMetrics | where Name in ("ordertracking.carrier.calls", "ordertracking.carrier.throttled") | extend carrier = tostring(Properties["carrier"]) | summarize calls = sumif(Sum, Name == "ordertracking.carrier.calls"), throttled = sumif(Sum, Name == "ordertracking.carrier.throttled") by carrier | where calls > 0 | extend ratio = throttled / calls'
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'ratio'
          dimensions: [
            {
              name: 'carrier'
              operator: 'Include'
              values: [ '*' ]
            }
          ]
          operator: 'GreaterThan'
          threshold: json(carrierThrottleRatio)
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: actions
  }
}

output poisonAlertId string = poisonAlert.id
output throttleAlertId string = throttleAlert.id
