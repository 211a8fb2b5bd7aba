using System.Text.Json.Serialization;
using KpiSync.Crm.AmoCrm.Dtos;

namespace KpiSync.Crm.AmoCrm;

/// <summary>Source-generated (de)serializers for every amoCRM DTO: snake_case names, no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AmoLead))]
[JsonSerializable(typeof(AmoDeletedLead))]
[JsonSerializable(typeof(AmoEvent))]
[JsonSerializable(typeof(AmoEventValues))]
[JsonSerializable(typeof(AmoNote))]
[JsonSerializable(typeof(AmoTask))]
[JsonSerializable(typeof(AmoUser))]
[JsonSerializable(typeof(AmoPipeline))]
[JsonSerializable(typeof(AmoAccount))]
[JsonSerializable(typeof(AmoCatalog))]
[JsonSerializable(typeof(AmoCustomField))]
[JsonSerializable(typeof(AmoCatalogElement))]
[JsonSerializable(typeof(AmoInvoice))]
[JsonSerializable(typeof(AmoNewCatalog[]))]
[JsonSerializable(typeof(AmoNewCustomField[]))]
[JsonSerializable(typeof(AmoFieldUpdate[]))]
[JsonSerializable(typeof(AmoElementWrite[]))]
[JsonSerializable(typeof(AmoCreated))]
[JsonSerializable(typeof(AmoTokenResponse))]
[JsonSerializable(typeof(AmoTokenRequest))]
[JsonSerializable(typeof(AmoWebhookRegistration))]
internal sealed partial class AmoCrmJsonContext : JsonSerializerContext;
