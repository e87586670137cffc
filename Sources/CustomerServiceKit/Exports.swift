@_exported public import ServiceAudit
@_exported public import ServiceDomain
@_exported public import ServiceImport
@_exported public import ServiceMetrics
@_exported public import ServiceSatisfaction
@_exported public import ServiceStandards
