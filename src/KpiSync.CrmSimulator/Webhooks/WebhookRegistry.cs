namespace KpiSync.CrmSimulator.Webhooks;

/// <summary>Webhook subscriptions, one per destination (a repeated POST replaces the settings), at most 100 (K-whapi).</summary>
internal sealed class WebhookRegistry
{
    public const int MaxWebhooks = 100;
    private readonly Lock _gate = new();
    private readonly List<WebhookEntry> _entries = [];
    private long _nextId = 4200001;

    public IReadOnlyList<WebhookEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IReadOnlyList<SimWebhook> Hooks => [.. Entries.Select(entry => entry.Hook)];

    /// <summary>Adds or updates the hook of <paramref name="destination"/>; null when the account already has the maximum.</summary>
    public WebhookEntry? Upsert(string destination, IReadOnlyList<string> settings, long now)
    {
        lock (_gate)
        {
            var index = _entries.FindIndex(entry => string.Equals(entry.Hook.Destination, destination, StringComparison.Ordinal));
            if (index >= 0)
            {
                var updated = _entries[index] with { Hook = _entries[index].Hook with { Settings = settings }, UpdatedAt = now };
                _entries[index] = updated;
                return updated;
            }

            if (_entries.Count >= MaxWebhooks)
            {
                return null;
            }

            var entry = new WebhookEntry(new SimWebhook(_nextId++, destination, settings), now, now);
            _entries.Add(entry);
            return entry;
        }
    }

    public bool Remove(string destination)
    {
        lock (_gate)
        {
            return _entries.RemoveAll(entry => string.Equals(entry.Hook.Destination, destination, StringComparison.Ordinal)) > 0;
        }
    }

    public IReadOnlyList<SimWebhook> Subscribed(string setting) =>
        [.. Hooks.Where(hook => hook.Settings.Contains(setting, StringComparer.Ordinal))];
}
