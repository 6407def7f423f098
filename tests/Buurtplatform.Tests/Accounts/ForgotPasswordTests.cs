using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Accounts;

/// <summary>"Wachtwoord vergeten" must not tell which addresses have an account: not by its text, and not by the work it does.</summary>
public sealed partial class ForgotPasswordTests
{
    /// <remarks>
    /// Not a stopwatch (timings on a shared machine prove nothing): the test records the work itself. Every
    /// database round trip and every save of the request are logged by EF interceptors; the known, the unknown
    /// and the disabled address must run the same queries and one save each. What differs is only which rows
    /// that one save carries: for a real account the link and its mail, for the others just the audit entry.
    /// </remarks>
    [Fact]
    public async Task KnownUnknownAndDisabledAddressesGoThroughTheSameQueriesAndOneSaveAndGetTheSameAnswer()
    {
        var work = new WorkLog();
        using var site = new SiteFactory
        {
            TestServices = services => services.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(work)),
        };
        site.Settings["Accounts:SignInRateLimit"] = "100";
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var disabled = await site.CreateStaffAsync("oud@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        await site.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == disabled.Id)).IsDisabled = true;
            await db.SaveChangesAsync();
        });
        var client = site.HttpsClient();

        async Task<(List<string> Reads, List<string> Saves, string Location)> RequestAsync(string email)
        {
            var page = await client.GetDocumentAsync("/backoffice/wachtwoord-vergeten");
            work.Start();
            var response = await client.SubmitAsync(page, "/backoffice/wachtwoord-vergeten", [new("Email", email)]);
            var (reads, saves) = work.Stop();
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return (reads, saves, response.Headers.Location!.OriginalString);
        }

        var known = await RequestAsync(editor.Email);
        var unknown = await RequestAsync("niemand@example.nl");
        var off = await RequestAsync(disabled.Email);

        // The same reads: the account by address, then the open links of the account (the step that makes a link).
        Assert.Equal(2, known.Reads.Count);
        Assert.Contains("AspNetUsers", known.Reads[0]);
        Assert.Contains("AccountTokens", known.Reads[1]);
        Assert.Equal(known.Reads, unknown.Reads);
        Assert.Equal(known.Reads, off.Reads);

        // One save each; only a real account's carries a link and a mail.
        Assert.Equal(["AccountToken, AuditEntry, OutboxMessage"], known.Saves);
        Assert.Equal(["AuditEntry"], unknown.Saves);
        Assert.Equal(["AuditEntry"], off.Saves);
        Assert.Equal(known.Location, unknown.Location);
        Assert.Equal(known.Location, off.Location);

        // Only the real account got mail; the others' audit entries name no address that matches no account.
        Assert.Equal(["redacteur@example.nl"], (await site.DeliverMailAsync()).Select(m => m.To));
        var entries = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(e => e.Action == AuditAction.PasswordResetRequested).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([AuditTarget.User(editor.Id), null, AuditTarget.User(disabled.Id)], entries.Select(e => e.Target));
        Assert.DoesNotContain(entries, e => $"{e.ActorName} {e.Detail}".Contains("niemand", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Records the database round trips and saves between <see cref="Start"/> and <see cref="Stop"/>.</summary>
    private sealed partial class WorkLog : DbCommandInterceptor, ISaveChangesInterceptor
    {
        private readonly ConcurrentQueue<string> _reads = new();
        private readonly ConcurrentQueue<string> _saves = new();
        private volatile bool _on;

        public void Start()
        {
            _reads.Clear();
            _saves.Clear();
            _on = true;
        }

        public (List<string> Reads, List<string> Saves) Stop()
        {
            _on = false;
            return (_reads.ToList(), _saves.ToList());
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            // Writes run as readers too (INSERT … RETURNING); the saves are counted below.
            if (_on && command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                _reads.Enqueue(Whitespace().Replace(command.CommandText, " ").Trim());
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (_on)
            {
                var added = eventData.Context!.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Metadata.ClrType.Name).Distinct().Order();
                _saves.Enqueue(string.Join(", ", added));
            }

            return ValueTask.FromResult(result);
        }

        [GeneratedRegex(@"\s+")]
        private static partial Regex Whitespace();
    }
}
