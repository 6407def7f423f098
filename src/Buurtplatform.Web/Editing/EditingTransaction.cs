namespace Buurtplatform.Web.Editing;

/// <summary>How every editing change is saved: one transaction through the provider's execution strategy, committed only when the work succeeded.</summary>
internal static class EditingTransaction
{
    /// <summary>Runs the work in one transaction; on failure nothing stays tracked, and a clash on a unique version number is "someone saved at the same moment".</summary>
    public static async Task<EditResult> RunAsync(AppDbContext db, ILogger logger, Func<Task<EditResult>> work, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var result = await work();
                if (result.Ok)
                    await tx.CommitAsync(ct);
                else
                    await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return result;
            });
        }
        catch (DbUpdateException e)
        {
            // Two people saving the same node at the same moment: the unique version number stops the second.
            logger.LogWarning(e, "An editing change could not be saved");
            db.ChangeTracker.Clear();
            return EditResult.Fail("Editing.Problem.Concurrent");
        }
    }
}
