using System.Data.Common;
using Buurtplatform.Web.Activities;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Buurtplatform.Web.SignUps;

/// <summary>What a parent filled in, checked and normalised.</summary>
public sealed record NewSignUp(
    string FirstName, string? Phone, string? Email, string Language, IReadOnlyList<ChildAge> Ages,
    bool WantsCall, string? Remark, IReadOnlyList<QuestionAnswer> Answers, bool OtherContactOptIn);

public enum SignUpOutcome
{
    Placed,
    Waitlisted,

    /// <summary>The same phone number or e-mail address is already signed up for this date: no second row.</summary>
    AlreadySignedUp,
}

/// <summary>The answer to a sign-up; <see cref="Token"/> is the personal link's secret, for the mail only.</summary>
public sealed record SignUpResult(SignUpOutcome Outcome, long SignUpId, int WaitlistPosition, string? Token);

public enum ChildrenChange
{
    Changed,
    NoRoom,
    NotAllowed,
}

/// <summary>
/// Every change that takes or frees places: signing up, cancelling, deleting, changing the number of
/// children, staff changing a state, a capacity change. Each runs in a transaction that first locks the
/// date's <see cref="SignUpSlot"/> row, so capacity, order and duplicate checks hold under concurrency.
/// </summary>
/// <remarks>
/// <para>The lock is a portable <c>UPDATE SignUpSlots SET Version = Version + 1 WHERE Id = @id</c> as the
/// transaction's first statement. PostgreSQL (READ COMMITTED) then holds the row lock until commit: a
/// concurrent sign-up for the same date waits at that statement, and reads the committed counts after it
/// (each statement sees the latest committed data). SQLite's transactions start with <c>BEGIN IMMEDIATE</c>
/// (Microsoft.Data.Sqlite's default), which takes the database's write lock at once; waiting writers retry
/// until the command timeout. Either way the writes to one date form a queue, so the sequence number handed
/// out under the lock is the order of commit, and no two transactions decide on the same free place.</para>
/// <para>Choices: A) optimistic concurrency token on the slot with retries — 200 simultaneous sign-ups
/// would retry O(n²) times; B) SERIALIZABLE with retries — the same storm on PostgreSQL; C) this lock —
/// one round per sign-up. Deadlocks, serialization failures and SQLite busy errors are still retried.</para>
/// <para>A process-wide <see cref="SignUpWriteGate"/> lets only a few writes wait for a slot lock at once, so a
/// burst of sign-ups queues in memory instead of holding every pooled database connection while it waits.</para>
/// <para>The waitlist moves in strict order: when the first in line needs more places than are free,
/// nobody behind them jumps ahead.</para>
/// </remarks>
public sealed class SignUpBook(AppDbContext db, TimeProvider clock, SignUpMails mails, SignUpWriteGate gate, ILogger<SignUpBook> logger)
{
    private const int MaxAttempts = 8;

    public async Task<SignUpResult> AddAsync(Activity activity, SignUpSettings settings, SignUpDate date, NewSignUp input, CancellationToken ct)
    {
        var capacity = settings.EffectiveCapacity(activity);
        // Read before the lock: the shorter the locked part, the more sign-ups per second one date takes.
        var staff = await LocationStaff.RecipientsAsync(db, activity.MeetingPlaceId, activity.WijkId, SignUpNotification.EachSignUp, ct);
        return await InTransactionAsync(async () =>
        {
            var slot = await LockOrCreateSlotAsync(activity.Id, date.SlotDate, ct);
            var slotId = slot.Id;
            var duplicate = await db.SignUps.AnyAsync(s => s.SlotId == slotId && s.State != SignUpState.Cancelled
                && ((input.Email != null && s.Email == input.Email) || (input.Phone != null && s.Phone == input.Phone)), ct);
            if (duplicate)
                return new SignUpResult(SignUpOutcome.AlreadySignedUp, 0, 0, null);

            // One round trip for places taken and the waitlist's length: every statement here is inside the lock.
            var counts = await db.SignUps.Where(s => s.SlotId == slotId && s.State != SignUpState.Cancelled)
                .GroupBy(s => s.State == SignUpState.Waitlisted)
                .Select(g => new { Waiting = g.Key, Count = g.Count(), Children = g.Sum(s => s.Children) }).ToListAsync(ct);
            var taken = counts.Where(c => !c.Waiting).Sum(c => c.Children);
            var waiting = counts.Where(c => c.Waiting).Sum(c => c.Count);
            var placed = waiting == 0 && (capacity is null || taken + input.Ages.Count <= capacity);
            var now = clock.GetUtcNow().UtcDateTime;
            var token = PersonalLink.NewToken();
            slot.LastSequence++;
            slot.TotalSignUps++;
            slot.TotalChildren += input.Ages.Count;
            if (!placed)
                slot.TotalWaitlisted++;
            var signUp = new SignUp
            {
                ActivityId = activity.Id,
                SlotId = slotId,
                Sequence = slot.LastSequence,
                State = placed ? SignUpState.New : SignUpState.Waitlisted,
                FirstName = input.FirstName,
                Phone = input.Phone,
                Email = input.Email,
                ContactLanguage = input.Language,
                Children = input.Ages.Count,
                ChildAges = input.Ages.ToList(),
                WantsCall = input.WantsCall,
                Remark = input.Remark,
                Answers = input.Answers.ToList(),
                OtherContactOptIn = input.OtherContactOptIn,
                ConsentUtc = now,
                CreatedUtc = now,
                TokenHash = PersonalLink.Hash(token),
                TokenExpiresUtc = date.Ends.ToDateTimeUtc(),
            };
            db.SignUps.Add(signUp);
            var position = placed ? 0 : waiting + 1;
            if (signUp.Email is not null)
                mails.QueueSignedUp(signUp, activity, date, token, position);
            mails.QueueStaffNotice(staff, activity, date);
            await db.SaveChangesAsync(ct);
            return new SignUpResult(placed ? SignUpOutcome.Placed : SignUpOutcome.Waitlisted, signUp.Id, position, token);
        }, ct);
    }

    /// <summary>The parent (through the link) or staff cancel: the place goes to the first on the waitlist.</summary>
    public Task<bool> CancelAsync(long signUpId, bool byParent, CancellationToken ct) =>
        WithSignUpAsync(signUpId, async s =>
        {
            if (s.State == SignUpState.Cancelled)
                return false;
            s.State = SignUpState.Cancelled;
            s.CancelledUtc = clock.GetUtcNow().UtcDateTime;
            s.CallAboutMoveUp = false;
            s.Slot.TotalCancelled++;
            if (byParent && s.Email is not null)
                await mails.QueueCancelledAsync(s, ct);
            await db.SaveChangesAsync(ct); // the freed place must be visible to the promotion's count
            await PromoteAsync(s.SlotId, ct);
            return true;
        }, ct);

    /// <summary>Deletes sign-ups at once (a parent's "delete my data", an administrator's erasure, staff); the waitlists move up.</summary>
    public async Task<int> DeleteAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var deleted = 0;
        var slots = await db.SignUps.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => s.SlotId).Distinct().ToListAsync(ct);
        foreach (var slotId in slots)
        {
            deleted += await InTransactionAsync(async () =>
            {
                await LockSlotAsync(slotId, ct);
                var rows = await db.SignUps.Where(s => s.SlotId == slotId && ids.Contains(s.Id)).ToListAsync(ct);
                db.SignUps.RemoveRange(rows);
                await db.SaveChangesAsync(ct);
                await PromoteAsync(slotId, ct);
                return rows.Count;
            }, ct);
        }

        return deleted;
    }

    /// <summary>A new number of children (with their ages). More places only when they are free and nobody waits.</summary>
    public Task<ChildrenChange> ChangeChildrenAsync(long signUpId, IReadOnlyList<ChildAge> ages, int? capacity, CancellationToken ct) =>
        WithSignUpAsync(signUpId, async s =>
        {
            if (s.State == SignUpState.Cancelled)
                return ChildrenChange.NotAllowed;
            var more = ages.Count - s.Children;
            if (more > 0 && s.State.HoldsPlace())
            {
                var taken = await TakenAsync(s.SlotId, ct);
                var waiting = await db.SignUps.AnyAsync(x => x.SlotId == s.SlotId && x.State == SignUpState.Waitlisted, ct);
                if (waiting || (capacity is { } c && taken + more > c))
                    return ChildrenChange.NoRoom;
            }

            s.Slot.TotalChildren += Math.Max(0, more);
            s.Children = ages.Count;
            s.ChildAges = ages.ToList();
            await db.SaveChangesAsync(ct);
            if (more < 0)
                await PromoteAsync(s.SlotId, ct);
            return ChildrenChange.Changed;
        }, ct);

    /// <summary>
    /// Staff set a state and note. A sign-up with a place may get any state that holds one, or afgemeld;
    /// a waitlisted one only afgemeld (places are handed out in order, by <see cref="PromoteAsync"/>).
    /// </summary>
    public Task<bool> SetStateAsync(long signUpId, SignUpState state, string? note, string staffId, string staffName, CancellationToken ct) =>
        WithSignUpAsync(signUpId, async s =>
        {
            var allowed = state == s.State || state == SignUpState.Cancelled || (s.State.HoldsPlace() && state.HoldsPlace());
            if (!allowed)
                return false;
            var freed = s.State.HoldsPlace() && state == SignUpState.Cancelled;
            if (state == SignUpState.Cancelled && s.State != SignUpState.Cancelled)
            {
                s.CancelledUtc = clock.GetUtcNow().UtcDateTime;
                s.Slot.TotalCancelled++;
            }

            s.State = state;
            s.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            s.CallAboutMoveUp = false;
            s.HandledById = staffId;
            s.HandledByName = staffName;
            s.HandledUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            if (freed)
                await PromoteAsync(s.SlotId, ct);
            return true;
        }, ct);

    /// <summary>After a capacity change: hands out places that became free.</summary>
    public async Task PromoteAllAsync(int activityId, CancellationToken ct)
    {
        var slots = await db.SignUpSlots.AsNoTracking().Where(s => s.ActivityId == activityId).Select(s => s.Id).ToListAsync(ct);
        foreach (var slotId in slots)
        {
            await InTransactionAsync(async () =>
            {
                await LockSlotAsync(slotId, ct);
                return await PromoteAsync(slotId, ct);
            }, ct);
        }
    }

    /// <summary>Places held on a slot: the children of every sign-up in a state that holds a place.</summary>
    public Task<int> TakenAsync(int slotId, CancellationToken ct) =>
        db.SignUps.Where(s => s.SlotId == slotId && s.State != SignUpState.Waitlisted && s.State != SignUpState.Cancelled).SumAsync(s => s.Children, ct);

    /// <summary>1 for the first on the waitlist; 0 when not waitlisted.</summary>
    public async Task<int> WaitlistPositionAsync(SignUp s, CancellationToken ct) => s.State != SignUpState.Waitlisted ? 0
        : await db.SignUps.CountAsync(x => x.SlotId == s.SlotId && x.State == SignUpState.Waitlisted && x.Sequence <= s.Sequence, ct);

    /// <summary>Gives free places to the waitlist in order; call inside a transaction holding the slot's lock.</summary>
    private async Task<int> PromoteAsync(int slotId, CancellationToken ct)
    {
        var slot = await db.SignUpSlots.Include(s => s.Activity).SingleAsync(s => s.Id == slotId, ct);
        var settings = await SignUpSettings.LoadAsync(db, slot.Activity, ct);
        var capacity = settings.EffectiveCapacity(slot.Activity);
        var taken = await TakenAsync(slotId, ct);
        var waiting = await db.SignUps.Where(s => s.SlotId == slotId && s.State == SignUpState.Waitlisted).OrderBy(s => s.Sequence).ToListAsync(ct);
        var moved = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var s in waiting)
        {
            if (capacity is { } c && taken + s.Children > c)
                break; // strict order: nobody passes the first in line
            s.State = SignUpState.New;
            s.MovedUpUtc = now;
            s.CallAboutMoveUp = s.Email is null;
            taken += s.Children;
            moved++;
            if (s.Email is not null)
                await mails.QueueMovedUpAsync(s, ct);
        }

        if (moved > 0)
            await db.SaveChangesAsync(ct);
        return moved;
    }

    private async Task<T> WithSignUpAsync<T>(long signUpId, Func<SignUp, Task<T>> change, CancellationToken ct)
    {
        var slotId = await SlotOfAsync(signUpId, ct) ?? throw new KeyNotFoundException("No such sign-up.");
        return await InTransactionAsync(async () =>
        {
            await LockSlotAsync(slotId, ct);
            var s = await db.SignUps.Include(x => x.Slot).SingleAsync(x => x.Id == signUpId, ct);
            var result = await change(s);
            await db.SaveChangesAsync(ct);
            return result;
        }, ct);
    }

    private async Task<int?> SlotOfAsync(long signUpId, CancellationToken ct) =>
        await db.SignUps.AsNoTracking().Where(s => s.Id == signUpId).Select(s => (int?)s.SlotId).SingleOrDefaultAsync(ct);

    /// <summary>The lock: the transaction's first write, on the slot row (see the class remarks).</summary>
    private async Task LockSlotAsync(int slotId, CancellationToken ct)
    {
        if (await db.SignUpSlots.Where(s => s.Id == slotId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), ct) == 0)
            throw new KeyNotFoundException("No such sign-up slot.");
    }

    /// <summary>
    /// Locks the date's slot, creating it on the first sign-up. Two first sign-ups at once: on PostgreSQL the
    /// second insert waits for the first's commit and then fails on the unique index, and the whole
    /// transaction is retried (finding the row); on SQLite the write lock already puts them in a row.
    /// </summary>
    private async Task<SignUpSlot> LockOrCreateSlotAsync(int activityId, DateOnly date, CancellationToken ct)
    {
        var locked = await db.SignUpSlots.Where(s => s.ActivityId == activityId && s.Date == date)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), ct);
        if (locked == 0)
        {
            db.SignUpSlots.Add(new SignUpSlot { ActivityId = activityId, Date = date });
            await db.SaveChangesAsync(ct);
        }

        return await db.SignUpSlots.SingleAsync(s => s.ActivityId == activityId && s.Date == date, ct);
    }

    /// <summary>
    /// Runs <paramref name="work"/> (which starts by locking its slot) in a transaction, through the write gate;
    /// retries deadlocks, serialization failures, a lost race to create a slot, and SQLite busy errors.
    /// </summary>
    private async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        using var pass = await gate.EnterAsync(ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var result = await work();
                await tx.CommitAsync(ct);
                return result;
            }
            catch (Exception e) when (attempt < MaxAttempts && IsTransient(e))
            {
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                logger.LogInformation("Sign-up write retried (attempt {Attempt}): {Reason}", attempt, e.GetType().Name);
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), ct);
            }
        }
    }

    private static bool IsTransient(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.UniqueViolation })
                return true;
            if (x is SqliteException { SqliteErrorCode: 5 or 6 or 19 }) // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CONSTRAINT (a lost slot race)
                return true;
            if (x is DbException { IsTransient: true })
                return true;
        }

        return false;
    }
}
