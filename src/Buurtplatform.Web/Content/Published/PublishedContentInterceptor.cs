using System.Data.Common;
using System.Runtime.CompilerServices;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Media;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Buurtplatform.Web.Content.Published;

/// <summary>
/// Tells the <see cref="PublishedContentStore"/> when this node's <see cref="AppDbContext"/> has committed a change to
/// content (a node, a translation, a photo or its use): after <c>SaveChanges</c> outside a transaction, or when the
/// transaction it ran in commits (never on a rollback). The announced changes (<see cref="Infrastructure.Caching.CacheChanges"/>)
/// already reach the store; this makes any other local write of content reach it too. Changes made with
/// <c>ExecuteUpdate</c>, SQL or another node are not seen here: those must be announced.
/// </summary>
public sealed class PublishedContentInterceptor(PublishedContentStore store) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Pending
    {
        public bool Changed;
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Whether a tracked row is content a public page shows.</summary>
    private static bool IsContent(EntityEntry e) =>
        e.Entity is ContentNode or ContentTranslation or MediaItem or MediaUsage || e.Metadata.IsOwned();

    private void Note(DbContext? context)
    {
        if (context is null)
            return;
        if (context.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsContent(e)))
            _pending.GetOrCreateValue(context).Changed = true;
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
            Committed(context);
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending) && pending.Changed)
        {
            pending.Changed = false;
            store.Invalidate();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
            pending.Changed = false;
    }
}
