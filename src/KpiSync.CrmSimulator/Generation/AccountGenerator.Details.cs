namespace KpiSync.CrmSimulator.Generation;

internal sealed partial class AccountGenerator
{
    /// <summary>
    /// Custom field values, tags, sources, labor cost and invoices. They come from their own Random so the
    /// core data (leads, events, calls, tasks) stays exactly what earlier versions generated for a seed.
    /// </summary>
    private List<InvoiceElement> AddDetails(List<SimLead> leads)
    {
        var random = new Random(unchecked((_options.Seed * 7919) + 101));
        var invoices = new List<InvoiceElement>();
        for (var i = 0; i < leads.Count; i++)
        {
            var lead = leads[i];
            var details = CommonDetails(random);
            if (lead.StatusId == AccountLayout.WonStatusId && lead.ClosedAt is { } closedAt)
            {
                details = WonDetails(random, lead, details, closedAt.ToUnixTimeSeconds());
                if (random.Chance(0.7))
                {
                    var invoice = WonInvoice(random, lead, details, closedAt.ToUnixTimeSeconds(), invoices.Count);
                    invoices.Add(invoice);
                    details = details with { InvoiceId = invoice.Id };
                }
            }
            else if ((lead.StatusId is AccountLayout.OfferSentStatusId or AccountLayout.NegotiationStatusId) && random.Chance(0.1))
            {
                var createdAt = Math.Min(_calendar.Anchor, lead.UpdatedAt.ToUnixTimeSeconds() + random.NextInt64(Day));
                var invoice = new InvoiceElement(
                    InvoiceLayout.FirstElementId + invoices.Count, InvoiceName(invoices.Count), lead.Id, InvoiceLayout.Created, lead.Price,
                    null, createdAt, createdAt, lead.ResponsibleUserId);
                invoices.Add(invoice);
                details = details with { InvoiceId = invoice.Id };
            }

            leads[i] = lead with { Details = details };
        }

        return invoices;
    }

    private static LeadDetails CommonDetails(Random random)
    {
        var segmentRoll = random.NextDouble();
        var tagMask = 0;
        if (random.Chance(0.1))
        {
            tagMask = 1 << random.Next(LeadFieldLayout.Tags.Count);
            if (random.Chance(0.2))
            {
                tagMask |= 1 << random.Next(LeadFieldLayout.Tags.Count);
            }
        }

        return new LeadDetails
        {
            Segment = segmentRoll < 0.85 ? (segmentRoll < 0.5 ? 0 : segmentRoll < 0.75 ? 1 : 2) : null,
            Product = random.Chance(0.9) ? random.Next(LeadFieldLayout.Products.Count) : null,
            SourceId = random.Chance(0.7) ? random.Pick(LeadFieldLayout.SourceIds) : null,
            TagMask = tagMask,
        };
    }

    private LeadDetails WonDetails(Random random, SimLead lead, LeadDetails details, long closedAt)
    {
        var paidRoll = random.NextDouble();
        int? paid = paidRoll < 0.6 ? lead.Price
            : paidRoll < 0.85 ? (int)(Math.Round(lead.Price * random.Between(0.2, 0.9) / 100) * 100)
            : paidRoll < 0.95 ? 0
            : null;
        return details with
        {
            Cost = random.Chance(0.9) ? (int)(Math.Round(lead.Price * random.Between(0.35, 0.75) / 100) * 100) : null,
            Paid = paid,
            PaymentDue = random.Chance(0.8) ? LocalMidnight(closedAt + (random.Next(7, 31) * Day)) : null,
            LaborCost = random.Chance(0.3) ? random.Next(4, 240) * 900 : null,
        };
    }

    private InvoiceElement WonInvoice(Random random, SimLead lead, LeadDetails details, long closedAt, int sequence)
    {
        var status = details.Paid switch
        {
            { } paid when paid >= lead.Price => InvoiceLayout.Paid,
            > 0 => InvoiceLayout.PartiallyPaid,
            _ => InvoiceLayout.Created,
        };
        var createdAt = Math.Max(lead.CreatedAt.ToUnixTimeSeconds(), closedAt - random.NextInt64(3 * Day));
        long? paymentDate = status == InvoiceLayout.Created
            ? null
            : Math.Clamp(closedAt + random.NextInt64(20 * Day), createdAt, _calendar.Anchor);
        return new InvoiceElement(
            InvoiceLayout.FirstElementId + sequence, InvoiceName(sequence), lead.Id, status, lead.Price, paymentDate,
            createdAt, paymentDate ?? createdAt, lead.ResponsibleUserId);
    }

    private static string InvoiceName(int sequence) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Счёт №{sequence + 1}");

    private long LocalMidnight(long moment)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(moment), _timeZone).Date;
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _timeZone)).ToUnixTimeSeconds();
    }
}
