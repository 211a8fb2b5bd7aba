using System.Text.Json;
using KpiSync.CrmSimulator.Catalogs;
using KpiSync.CrmSimulator.Generation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>Catalogs (lists) for the KPI push-back: catalogs, their custom fields and their elements.</summary>
internal static partial class CatalogEndpoints
{
    private static readonly HashSet<string> _catalogTypes = new(["regular", "invoices", "products", "suppliers"], StringComparer.Ordinal);

    public static void Map(WebApplication app, SimulatorRuntime runtime)
    {
        app.MapGet("/api/v4/catalogs", context => ListCatalogs(context, runtime).WriteAsync(context));
        app.MapPost("/api/v4/catalogs", WriteRequests.Handle(runtime, (_, items) => CreateCatalogs(items, runtime)));
        app.MapGet("/api/v4/catalogs/{id:long}/custom_fields", context => InCatalog(context, runtime,
            catalog => ListFields(context, runtime, catalog), () => ListInvoiceFields(context, runtime)).WriteAsync(context));
        app.MapPost("/api/v4/catalogs/{id:long}/custom_fields", WriteRequests.Handle(runtime, (context, items) => InCatalog(context, runtime,
            catalog => CreateFields(items, runtime, catalog), ReadOnlyInvoices)));
        app.MapMethods("/api/v4/catalogs/{id:long}/custom_fields", ["PATCH"], WriteRequests.Handle(runtime, (context, items) => InCatalog(context, runtime,
            catalog => UpdateFields(items, runtime, catalog), ReadOnlyInvoices)));
        app.MapGet("/api/v4/catalogs/{id:long}/elements", context => InCatalog(context, runtime,
            catalog => ListElements(context, runtime, catalog), () => ListInvoices(context, runtime)).WriteAsync(context));
        app.MapPost("/api/v4/catalogs/{id:long}/elements", WriteRequests.Handle(runtime, (context, items) => InCatalog(context, runtime,
            catalog => WriteElements(items, runtime, catalog, create: true), ReadOnlyInvoices)));
        app.MapMethods("/api/v4/catalogs/{id:long}/elements", ["PATCH"], WriteRequests.Handle(runtime, (context, items) => InCatalog(context, runtime,
            catalog => WriteElements(items, runtime, catalog, create: false), ReadOnlyInvoices)));
    }

    /// <summary>
    /// Runs <paramref name="handle"/> under the store's lock with the client catalog from the route, or
    /// <paramref name="invoices"/> for the account's own invoices catalog, or answers 404.
    /// </summary>
    private static ApiResponse InCatalog(HttpContext context, SimulatorRuntime runtime, Func<CatalogEntry, ApiResponse> handle, Func<ApiResponse> invoices)
    {
        var store = runtime.State.CatalogStore;
        var id = QueryFilters.ParseLong(context.Request.RouteValues["id"]?.ToString());
        if (id == InvoiceLayout.CatalogId && runtime.Options.InvoicesCatalog)
        {
            return invoices();
        }

        lock (store.Gate)
        {
            return id is { } catalogId && store.Find(catalogId) is { } catalog
                ? handle(catalog)
                : Problems.NotFound($"Catalog {id} not found");
        }
    }

    /// <summary>The invoices catalog comes first, as the account had it before any client created one.</summary>
    private static ApiResponse ListCatalogs(HttpContext context, SimulatorRuntime runtime)
    {
        var store = runtime.State.CatalogStore;
        lock (store.Gate)
        {
            List<CatalogEntry> catalogs = runtime.Options.InvoicesCatalog ? [InvoicesCatalog(runtime), .. store.Catalogs] : [.. store.Catalogs];
            return Paging.Page(context, runtime, "catalogs", catalogs, 250, (writer, catalog) => WriteCatalog(writer, catalog, runtime, null));
        }
    }

    private static ApiResponse CreateCatalogs(JsonElement items, SimulatorRuntime runtime)
    {
        var store = runtime.State.CatalogStore;
        var errors = new List<ValidationError>();
        var planned = new List<(string Name, string Type, string RequestId)>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var requestId = WriteRequests.RequestIdOf(item, index);
            var name = WriteRequests.StringOf(item, "name");
            var type = WriteRequests.StringOf(item, "type") ?? "regular";
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(new ValidationError(requestId, "NotBlank", "name", "This value should not be blank."));
            }

            if (!_catalogTypes.Contains(type))
            {
                errors.Add(new ValidationError(requestId, "NotSupportedChoice", "type", "The value you selected is not a valid choice."));
            }
            else if (type == "invoices")
            {
                errors.Add(new ValidationError(requestId, "TooManyCatalogs", "type", "An account has at most one catalog of type invoices."));
            }

            planned.Add((name ?? "", type, requestId));
            index++;
        }

        lock (store.Gate)
        {
            if (store.Catalogs.Count + 1 + planned.Count > CatalogStore.MaxCatalogs)
            {
                errors.Add(new ValidationError("0", "TooManyCatalogs", "", $"An account has at most {CatalogStore.MaxCatalogs} catalogs."));
            }

            if (errors.Count > 0)
            {
                return Problems.Validation(errors);
            }

            var now = runtime.Time.GetUtcNow().ToUnixTimeSeconds();
            var created = planned.Select(plan => (Catalog: store.AddCatalog(plan.Name, plan.Type, now), plan.RequestId)).ToList();
            return ApiResponse.Ok(writer => WriteCollection(writer, runtime, "api/v4/catalogs", "catalogs", created,
                (w, entry) => WriteCatalog(w, entry.Catalog, runtime, entry.RequestId)));
        }
    }

    private static void WriteCatalog(Utf8JsonWriter writer, CatalogEntry catalog, SimulatorRuntime runtime, string? requestId)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", catalog.Id);
        writer.WriteString("name", catalog.Name);
        writer.WriteNumber("created_by", 0);
        writer.WriteNumber("updated_by", 0);
        writer.WriteNumber("created_at", catalog.CreatedAt);
        writer.WriteNumber("updated_at", catalog.UpdatedAt);
        writer.WriteNumber("sort", 10);
        writer.WriteString("type", catalog.Type);
        writer.WriteBoolean("can_add_elements", true);
        writer.WriteBoolean("can_show_in_cards", false);
        writer.WriteBoolean("can_link_multiple", false);
        writer.WriteBoolean("can_be_deleted", catalog.Id != InvoiceLayout.CatalogId);
        writer.WriteNull("sdk_widget_code");
        writer.WriteNumber("account_id", AccountLayout.AccountId);
        WriteRequestId(writer, requestId);
        Paging.WriteSelfLinks(writer, runtime.Href($"api/v4/catalogs/{catalog.Id}"));
        writer.WriteEndObject();
    }

    /// <summary>The envelope of a write response: <c>{"_links":{"self"},"_embedded":{"name":[…]}}</c>.</summary>
    private static void WriteCollection<T>(Utf8JsonWriter writer, SimulatorRuntime runtime, string path, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        writer.WriteStartObject();
        Paging.WriteSelfLinks(writer, runtime.Href(path));
        writer.WriteStartObject("_embedded");
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            write(writer, item);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteRequestId(Utf8JsonWriter writer, string? requestId)
    {
        if (requestId is not null)
        {
            writer.WriteString("request_id", requestId);
        }
    }
}
