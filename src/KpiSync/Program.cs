using KpiSync.Cli;

return await KpiSyncCli.RunAsync(args);

/// <summary>Visible to WebApplicationFactory-based tests.</summary>
public partial class Program;
