@_exported public import ServiceDomain
@_exported public import ServiceStandards
@_exported public import ServiceMetrics
@_exported public import ServiceSatisfaction
@_exported public import ServiceAudit
