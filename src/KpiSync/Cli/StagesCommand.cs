using System.CommandLine;
using System.Globalization;
using Dapper;
using Npgsql;

namespace KpiSync.Cli;

/// <summary><c>stages list|phase</c>: map pipeline stages to the potential or real phase (the potential-vs-real indicator).</summary>
internal static class StagesCommand
{
    public static Command Build()
    {
        var command = new Command("stages", "Pipeline stages and their potential/real phase");
        var connection = CliOptions.Connection();
        var list = new Command("list", "Every stage with its pipeline, order, outcome and phase") { connection };
        list.SetAction((parse, ct) => ConnectionCommand.RunAsync(parse, connection, async (s, c, output, token) =>
        {
            await using var conn = await s.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(token);
            var rows = await conn.QueryAsync<(long Pipeline, string PipelineName, long Stage, string Name, int Sort, string Outcome, string? Phase)>(new CommandDefinition("""
                select s.pipeline_id, p.name, s.crm_id, s.name, s.sort, s.outcome, s.phase from kpisync.stages s
                join kpisync.pipelines p on p.connection_id = s.connection_id and p.crm_id = s.pipeline_id
                where s.connection_id = @c order by p.sort, s.pipeline_id, s.sort
                """, new { c = c.Id }, cancellationToken: token));
            foreach (var r in rows)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Pipeline,10} {r.PipelineName,-20} {r.Stage,10} {r.Name,-28} {r.Outcome,-5} {r.Phase ?? "—"}"));
            }
        }, ct));
        command.Subcommands.Add(list);

        var connection2 = CliOptions.Connection();
        var stage = new Option<long>("--stage") { Description = "Stage id (see `stages list`)", Required = true };
        var phase = new Option<string>("--phase") { Description = "potential, real or none", Required = true };
        phase.AcceptOnlyFromAmong("potential", "real", "none");
        var set = new Command("phase", "Map a stage to the potential or real phase (the next recompute is a full one)") { connection2, stage, phase };
        set.SetAction((parse, ct) => ConnectionCommand.RunAsync(parse, connection2, async (s, c, output, token) =>
        {
            await using var conn = await s.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(token);
            var value = parse.GetValue(phase) == "none" ? null : parse.GetValue(phase);
            var n = await conn.ExecuteAsync(new CommandDefinition(
                "update kpisync.stages set phase = @value where connection_id = @c and crm_id = @stage and outcome = 'open'",
                new { c = c.Id, stage = parse.GetValue(stage), value }, cancellationToken: token));
            if (n == 0)
            {
                throw new CliUsageException($"--stage {parse.GetValue(stage)} is not an open stage of '{c.Name}' (see `kpisync stages list`)");
            }

            await output.WriteLineAsync($"Stage {parse.GetValue(stage)} is now {(value ?? "unmapped")}.");
        }, ct));
        command.Subcommands.Add(set);
        return command;
    }
}
