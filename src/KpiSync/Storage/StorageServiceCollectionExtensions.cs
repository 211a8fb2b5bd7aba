using KpiSync.Crm.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using System.Data.Common;
using Dapper;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace KpiSync.Storage;

public static class StorageServiceCollectionExtensions
{
    public const string ConnectionStringName = "KpiSync";

    /// <summary>One shared <see cref="NpgsqlDataSource"/>, the migrator, and every table's store.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        // Our columns are snake_case and our records PascalCase; one global switch maps them for every query.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new UriTypeHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetTypeHandler());

        // First hosted service of all: Data Protection loads its key ring (a table of ours) at start-up, Hangfire's server fetches jobs from its tables.
        builder.Services.AddHostedService<SchemaMigratorHostedService>();
        builder.Services.AddDataProtection().SetApplicationName("KpiSync");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DataProtectionKeyStore(sp.GetRequiredService<NpgsqlDataSource>())));
        builder.Services.TryAddSingleton<CredentialProtector>();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(sp =>
        {
            var cs = sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName);
            if (string.IsNullOrWhiteSpace(cs))
            {
                throw new StorageException("ConnectionStrings:KpiSync is not set and no private PostgreSQL was started.");
            }

            return new NpgsqlDataSourceBuilder(cs) { Name = "kpisync" }.Build();
        });
        builder.Services.TryAddSingleton<DbDataSource>(sp => sp.GetRequiredService<NpgsqlDataSource>());
        builder.Services.TryAddSingleton<SchemaMigrator>();
        builder.Services.TryAddSingleton<ConnectionStore>();
        builder.Services.TryAddSingleton<ReferenceDataStore>();
        builder.Services.TryAddSingleton<DealStore>();
        builder.Services.TryAddSingleton<SyncCursorStore>();
        builder.Services.TryAddSingleton<SyncRunStore>();
        builder.Services.TryAddSingleton<QuarantineStore>();
        builder.Services.TryAddSingleton<KpiValueStore>();
        builder.Services.TryAddSingleton<PushbackStateStore>();
        builder.Services.TryAddSingleton<ConnectionLocks>();
        builder.Services.TryAddSingleton<RequestBudgetStore>();
        builder.Services.TryAddSingleton<SchemeStore>();
        builder.Services.TryAddSingleton<PlanStore>();
        builder.Services.TryAddSingleton<PeriodStore>();
        builder.Services.TryAddSingleton<CalendarStore>();
        builder.Services.TryAddSingleton<EmployeeDirectory>();
        builder.Services.TryAddSingleton<AdminStore>();
        builder.Services.TryAddSingleton<JobRunStore>();
        builder.Services.TryAddSingleton<ResyncRequestStore>();
        return builder;
    }
}
