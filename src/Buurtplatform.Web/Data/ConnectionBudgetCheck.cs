namespace Buurtplatform.Web.Data;

/// <summary>
/// At start (PostgreSQL): warns in the log when the nodes' connections cannot all fit in the server's, i.e. when
/// <c>Database:Nodes</c> × (<c>Database:MaxPoolSize</c> + 1 listening connection) exceeds <c>max_connections</c> −
/// <c>superuser_reserved_connections</c> − <c>Database:ReservedConnections</c>. Under load the last node to ask would
/// then get "too many clients" errors instead of waiting for a pooled connection. The site starts all the same.
/// </summary>
internal sealed class ConnectionBudgetCheck(IServiceScopeFactory scopes, DatabaseOptions options, ILogger<ConnectionBudgetCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var max = await SettingAsync(db, "max_connections", cancellationToken);
            var superuser = await SettingAsync(db, "superuser_reserved_connections", cancellationToken);
            var needed = Needed(options);
            var available = max - superuser - options.ReservedConnections;
            if (needed > available)
            {
                logger.LogWarning(
                    "PostgreSQL allows {Max} connections ({Superuser} reserved for superusers, {Reserved} kept free by Database:ReservedConnections), but {Nodes} nodes × ({Pool} pooled + 1 listening) need {Needed}. Lower Database:MaxPoolSize to at most {Fit} or raise max_connections.",
                    max, superuser, options.ReservedConnections, options.Nodes, options.MaxPoolSize, needed, Math.Max(1, (available / options.Nodes) - 1));
            }
            else
            {
                logger.LogInformation("Connections: {Nodes} nodes × ({Pool} pooled + 1 listening) = {Needed} of the {Available} PostgreSQL leaves", options.Nodes, options.MaxPoolSize, needed, available);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("The connection budget could not be checked: {Error}", e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A server setting that is a number (<c>SHOW</c> cannot be a subquery, so not through EF's SqlQuery).</summary>
    private static async Task<int> SettingAsync(AppDbContext db, string name, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var show = connection.CreateCommand();
            show.CommandText = "SELECT current_setting(@name)";
            var parameter = show.CreateParameter();
            parameter.ParameterName = "name";
            parameter.Value = name;
            show.Parameters.Add(parameter);
            return int.Parse((string)(await show.ExecuteScalarAsync(ct))!, CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Connections all nodes may hold at once: each its pool and its listening connection.</summary>
    internal static int Needed(DatabaseOptions o) => o.Nodes * (o.MaxPoolSize + 1);
}
