using System.Globalization;
using System.Text.Json;
using KpiSync.CrmSimulator.Catalogs;
using KpiSync.CrmSimulator.Generation;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>
/// The account's invoices catalog ("Счета/Покупки", README §4.8): generated, read-only for clients, its data
/// in BILL_STATUS / BILL_PRICE / BILL_PAYMENT_DATE fields.
/// </summary>
internal static partial class CatalogEndpoints
{
    private static CatalogEntry InvoicesCatalog(SimulatorRuntime runtime)
    {
        var createdAt = runtime.State.Account.Start.AddDays(-30).ToUnixTimeSeconds();
        return new CatalogEntry { Id = InvoiceLayout.CatalogId, Name = InvoiceLayout.CatalogName, Type = "invoices", CreatedAt = createdAt, UpdatedAt = createdAt };
    }

    private static ApiResponse ReadOnlyInvoices() =>
        Problems.BadRequest("The invoices catalog is managed by the account; it cannot be changed through this integration");

    private static ApiResponse ListInvoiceFields(HttpContext context, SimulatorRuntime runtime) =>
        Paging.Page(context, runtime, "custom_fields", InvoiceLayout.Fields, 250, (writer, field) => CustomFieldJson.WriteDefinition(
            writer, field, "catalogs", InvoiceLayout.CatalogId, runtime.Href($"api/v4/catalogs/{InvoiceLayout.CatalogId}/custom_fields/{field.Id}")));

    private static ApiResponse ListInvoices(HttpContext context, SimulatorRuntime runtime)
    {
        var ids = QueryFilters.LongSet(context.Request.Query, "filter[id]");
        var search = context.Request.Query["query"].ToString();
        var invoices = runtime.State.Account.Invoices
            .Where(invoice => (ids is null || ids.Contains(invoice.Id))
                && (search.Length == 0 || invoice.Name.Contains(search, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return Paging.Page(context, runtime, "elements", invoices, 250, (writer, invoice) => WriteInvoice(writer, invoice, runtime));
    }

    private static void WriteInvoice(Utf8JsonWriter writer, InvoiceElement invoice, SimulatorRuntime runtime)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", invoice.Id);
        writer.WriteString("name", invoice.Name);
        writer.WriteNumber("created_by", invoice.CreatedBy);
        writer.WriteNumber("updated_by", invoice.CreatedBy);
        writer.WriteNumber("created_at", invoice.CreatedAt);
        writer.WriteNumber("updated_at", invoice.UpdatedAt);
        writer.WriteBoolean("is_deleted", false);
        writer.WriteStartArray("custom_fields_values");
        CustomFieldJson.WriteValue(writer, InvoiceLayout.Fields[0], w => CustomFieldJson.WriteEnum(w, InvoiceLayout.Statuses[invoice.Status]));
        CustomFieldJson.WriteValue(writer, InvoiceLayout.Fields[1], w => w.WriteString("value", invoice.Price.ToString(CultureInfo.InvariantCulture)));
        if (invoice.PaymentDate is { } paidAt)
        {
            CustomFieldJson.WriteValue(writer, InvoiceLayout.Fields[2], w => w.WriteNumber("value", paidAt));
        }

        writer.WriteEndArray();
        writer.WriteNumber("catalog_id", InvoiceLayout.CatalogId);
        writer.WriteNumber("account_id", AccountLayout.AccountId);
        Paging.WriteSelfLinks(writer, runtime.Href($"api/v4/catalogs/{InvoiceLayout.CatalogId}/elements/{invoice.Id}"));
        writer.WriteEndObject();
    }
}
