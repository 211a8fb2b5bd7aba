using System.Globalization;
using KpiSync.CrmSimulator.Api;
using KpiSync.CrmSimulator.Generation;

namespace KpiSync.CrmSimulator.Webhooks;

/// <summary>
/// Delivers notices like amoCRM's hook sender: a form-encoded POST (fixtures/amocrm-webhook-lead-status-capture.*),
/// User-Agent amoCRM-Hook-Sender/1.0, a 2 s wait and no retry here. Deliveries are fire-and-forget on
/// purpose: the change that caused them is already applied and must not wait for the receiver.
/// </summary>
internal sealed class WebhookSender(SimulatorRuntime runtime) : IDisposable
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly CancellationTokenSource _stopping = new();

    public void Send(IEnumerable<WebhookNotice> notices)
    {
        foreach (var notice in notices)
        {
            foreach (var hook in runtime.Webhooks.Subscribed(notice.Setting))
            {
                _ = DeliverAsync(new Uri(hook.Destination), Form(notice));
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _client.Dispose();
    }

    private List<KeyValuePair<string, string>> Form(WebhookNotice notice)
    {
        var prefix = $"leads[{notice.Action}][0]";
        var lead = notice.Lead;
        var form = new List<KeyValuePair<string, string>> { new(prefix + "[id]", Text(lead.Id)) };
        if (notice.Action == "add")
        {
            form.Add(new(prefix + "[name]", lead.Name));
            form.Add(new(prefix + "[price]", Text(lead.Price)));
            form.Add(new(prefix + "[responsible_user_id]", Text(lead.ResponsibleUserId)));
        }

        form.Add(new(prefix + "[status_id]", Text(lead.StatusId)));
        form.Add(new(prefix + "[pipeline_id]", Text(lead.PipelineId)));
        if (notice.OldStatusId is { } oldStatus)
        {
            form.Add(new(prefix + "[old_status_id]", Text(oldStatus)));
            form.Add(new(prefix + "[old_pipeline_id]", Text(notice.OldPipelineId ?? lead.PipelineId)));
        }

        form.Add(new("account[id]", Text(AccountLayout.AccountId)));
        form.Add(new("account[subdomain]", runtime.Options.Subdomain));
        return form;
    }

    private async Task DeliverAsync(Uri destination, List<KeyValuePair<string, string>> form)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, destination) { Content = new FormUrlEncodedContent(form) };
            request.Headers.TryAddWithoutValidation("User-Agent", "amoCRM-Hook-Sender/1.0");
            using var response = await _client.SendAsync(request, _stopping.Token);
        }
        catch (HttpRequestException)
        {
            // amoCRM counts a failed delivery against the hook; the simulator just drops it.
        }
        catch (OperationCanceledException)
        {
            // The 2 s timeout or the simulator stopping: dropped as well.
        }
        catch (ObjectDisposedException)
        {
            // Sent while the simulator was being disposed.
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
