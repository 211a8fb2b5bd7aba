using System.Globalization;
using System.Text.Json;
using KpiSync.CrmSimulator.Generation;

namespace KpiSync.CrmSimulator.Api;

internal static partial class LeadEndpoints
{
    /// <summary>The shape of fixtures/amocrm-leads-page-real-account.json; a malformed lead breaks price and created_at.</summary>
    private static void Write(Utf8JsonWriter writer, SimLead lead, SimulatorRuntime runtime, LeadWith with, bool malformed)
    {
        var details = lead.Details;
        writer.WriteStartObject();
        writer.WriteNumber("id", lead.Id);
        writer.WriteString("name", lead.Name);
        if (malformed)
        {
            writer.WriteString("price", "not-a-number");
        }
        else
        {
            writer.WriteNumber("price", lead.Price);
        }

        writer.WriteNumber("responsible_user_id", lead.ResponsibleUserId);
        writer.WriteNumber("group_id", 0);
        writer.WriteNumber("status_id", lead.StatusId);
        writer.WriteNumber("pipeline_id", lead.PipelineId);
        WriteNullable(writer, "loss_reason_id", lead.LossReasonId);
        if (with.SourceId)
        {
            WriteNullable(writer, "source_id", details.SourceId);
        }

        writer.WriteNumber("created_by", lead.CreatedBy);
        writer.WriteNumber("updated_by", lead.UpdatedBy);
        if (malformed)
        {
            writer.WriteString("created_at", "yesterday");
        }
        else
        {
            writer.WriteNumber("created_at", lead.CreatedAt.ToUnixTimeSeconds());
        }

        writer.WriteNumber("updated_at", lead.UpdatedAt.ToUnixTimeSeconds());
        WriteNullable(writer, "closed_at", lead.ClosedAt?.ToUnixTimeSeconds());
        writer.WriteNull("closest_task_at");
        writer.WriteBoolean("is_deleted", false);
        WriteFieldValues(writer, details);
        writer.WriteNull("score");
        writer.WriteNumber("account_id", AccountLayout.AccountId);
        WriteNullable(writer, "labor_cost", details.LaborCost);
        if (with.PriceModifiedByRobot)
        {
            writer.WriteBoolean("is_price_modified_by_robot", false);
        }

        Paging.WriteSelfLinks(writer, runtime.Href($"api/v4/leads/{lead.Id}"));
        writer.WriteStartObject("_embedded");
        WriteTags(writer, details.TagMask);
        if (with.CatalogElements)
        {
            WriteCatalogElements(writer, runtime.Options.InvoicesCatalog ? details.InvoiceId : null);
        }

        if (with.LossReason && lead.LossReasonId is { } lossReasonId)
        {
            WriteLossReason(writer, lossReasonId, runtime);
        }

        writer.WriteStartArray("companies");
        if (CompanyId(lead.Name) is { } company)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", company);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (with.Contacts)
        {
            writer.WriteStartArray("contacts");
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>README §4.10: numeric values as strings, dates as unix ints, selects with their enum_id.</summary>
    private static void WriteFieldValues(Utf8JsonWriter writer, LeadDetails details)
    {
        if (!details.HasFieldValues)
        {
            writer.WriteNull("custom_fields_values");
            return;
        }

        writer.WriteStartArray("custom_fields_values");
        foreach (var field in LeadFieldLayout.Fields)
        {
            switch (field.Id)
            {
                case LeadFieldLayout.SegmentFieldId when details.Segment is { } segment:
                    CustomFieldJson.WriteValue(writer, field, w => CustomFieldJson.WriteEnum(w, LeadFieldLayout.Segments[segment]));
                    break;
                case LeadFieldLayout.ProductFieldId when details.Product is { } product:
                    CustomFieldJson.WriteValue(writer, field, w => CustomFieldJson.WriteEnum(w, LeadFieldLayout.Products[product]));
                    break;
                case LeadFieldLayout.CostFieldId when details.Cost is { } cost:
                    CustomFieldJson.WriteValue(writer, field, w => w.WriteString("value", cost.ToString(CultureInfo.InvariantCulture)));
                    break;
                case LeadFieldLayout.PaidFieldId when details.Paid is { } paid:
                    CustomFieldJson.WriteValue(writer, field, w => w.WriteString("value", paid.ToString(CultureInfo.InvariantCulture)));
                    break;
                case LeadFieldLayout.PaymentDueFieldId when details.PaymentDue is { } due:
                    CustomFieldJson.WriteValue(writer, field, w => w.WriteNumber("value", due));
                    break;
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>The company a lead is for, derived from its name ("Product — Company"), so repeat buyers exist without
    /// changing what the seeded generator draws.</summary>
    private static long? CompanyId(string? name)
    {
        var at = name?.LastIndexOf(" — ", StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var index = IndexOf(NameCatalog.Companies, name![(at + 3)..]);
        return index < 0 ? null : 5_000_000 + index;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private static void WriteTags(Utf8JsonWriter writer, int tagMask)
    {
        writer.WriteStartArray("tags");
        for (var i = 0; i < LeadFieldLayout.Tags.Count; i++)
        {
            if ((tagMask & (1 << i)) != 0)
            {
                writer.WriteStartObject();
                writer.WriteNumber("id", LeadFieldLayout.Tags[i].Id);
                writer.WriteString("name", LeadFieldLayout.Tags[i].Name);
                writer.WriteNull("color");
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteCatalogElements(Utf8JsonWriter writer, long? invoiceId)
    {
        writer.WriteStartArray("catalog_elements");
        if (invoiceId is { } id)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteStartObject("metadata");
            writer.WriteNumber("quantity", 1);
            writer.WriteNumber("catalog_id", InvoiceLayout.CatalogId);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>An array, as in fixtures/amocrm-lead-by-id-with-loss-reason.json.</summary>
    private static void WriteLossReason(Utf8JsonWriter writer, long lossReasonId, SimulatorRuntime runtime)
    {
        var index = Math.Max(0, AccountLayout.LossReasonIds.ToList().IndexOf(lossReasonId));
        var createdAt = runtime.State.Account.Start.AddDays(-30).ToUnixTimeSeconds();
        writer.WriteStartArray("loss_reason");
        writer.WriteStartObject();
        writer.WriteNumber("id", lossReasonId);
        writer.WriteString("name", LeadFieldLayout.LossReasonNames[index]);
        writer.WriteNumber("sort", (index + 1) * 100);
        writer.WriteNumber("created_at", createdAt);
        writer.WriteNumber("updated_at", createdAt);
        Paging.WriteSelfLinks(writer, runtime.Href($"api/v4/leads/loss_reasons/{lossReasonId}"));
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
