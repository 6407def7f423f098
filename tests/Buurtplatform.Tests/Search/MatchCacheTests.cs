using Buurtplatform.Web.Search;

namespace Buurtplatform.Tests.Search;

/// <summary>The bounded store behind the search match cache.</summary>
public sealed class MatchCacheTests
{
    private static CachedMatches Answer(int ids) => new(new SearchMatches(Enumerable.Range(1, ids).ToList(), [[]]));

    [Fact]
    public void AnswersOverTheBudgetPushOutTheOldestFirst()
    {
        var one = Answer(1000); // 128 + 4,000 bytes
        var cache = new MatchCache(version: 7, budgetBytes: 3 * one.Bytes);
        cache.Set("a", one);
        cache.Set("b", Answer(1000));
        cache.Set("c", Answer(1000));
        Assert.NotNull(cache.TryGet("a"));

        cache.Set("d", Answer(1000));
        Assert.Null(cache.TryGet("a"));
        Assert.NotNull(cache.TryGet("b"));
        Assert.NotNull(cache.TryGet("d"));

        // A large answer pushes out as many as needed.
        cache.Set("e", Answer(2000));
        Assert.Null(cache.TryGet("b"));
        Assert.Null(cache.TryGet("c"));
        Assert.NotNull(cache.TryGet("d"));
        Assert.NotNull(cache.TryGet("e"));
        Assert.Equal(7, cache.Version);
    }

    [Fact]
    public void AnAnswerLargerThanTheBudgetOrABudgetOfZeroKeepsNothing()
    {
        var small = new MatchCache(1, budgetBytes: 1000);
        small.Set("big", Answer(1000));
        Assert.Null(small.TryGet("big"));

        var off = new MatchCache(1, budgetBytes: 0);
        off.Set("none", Answer(0));
        Assert.Null(off.TryGet("none"));
    }

    [Fact]
    public void SettingAKeyAgainReplacesItsAnswerAndMakesItTheNewest()
    {
        var one = Answer(10);
        var cache = new MatchCache(1, budgetBytes: 2 * one.Bytes);
        cache.Set("k", one);
        cache.Set("j", Answer(10));
        var second = Answer(10);
        cache.Set("k", second);
        Assert.Same(second, cache.TryGet("k")!.Matches);

        cache.Set("l", Answer(10)); // over budget: "j" is now the oldest
        Assert.Null(cache.TryGet("j"));
        Assert.NotNull(cache.TryGet("k"));
    }

    [Fact]
    public void CarriedOverAnswersRememberEveryChangedIdUntilBroughtUpToDate()
    {
        var v1 = new MatchCache(1, budgetBytes: 1 << 20);
        var answer = Answer(10);
        v1.Set("fresh", answer);
        v1.Set("huge-change", Answer(10));

        var v2 = new MatchCache(2, budgetBytes: 1 << 20);
        v2.CarryOver(v1, new HashSet<int> { 3, 42 });
        Assert.Same(answer, v2.TryGet("fresh")!.Matches);
        Assert.Equal([3, 42], v2.TryGet("fresh")!.Pending!.Order());

        // A second version before anyone asked: the changes add up.
        var v3 = new MatchCache(3, budgetBytes: 1 << 20);
        v3.CarryOver(v2, new HashSet<int> { 7 });
        Assert.Equal([3, 7, 42], v3.TryGet("fresh")!.Pending!.Order());

        // Brought up to date: nothing pending any more.
        v3.Set("fresh", Answer(9));
        Assert.Null(v3.TryGet("fresh")!.Pending);

        // More changed ids than are worth checking one by one: the answer is dropped.
        var v4 = new MatchCache(4, budgetBytes: 1 << 20);
        v4.CarryOver(v3, Enumerable.Range(1000, MatchCache.MaxPending + 1).ToHashSet());
        Assert.Null(v4.TryGet("huge-change"));
        Assert.Null(v4.TryGet("fresh"));
        var v5 = new MatchCache(5, budgetBytes: 1 << 20);
        v5.CarryOver(v3, Enumerable.Range(1000, MatchCache.MaxPending).ToHashSet());
        Assert.NotNull(v5.TryGet("fresh"));
    }

    [Fact]
    public void PatchingTakesTheChangedIdsOutAndPutsBackThoseThatStillMatch()
    {
        var cached = new CachedMatches(new SearchMatches([1, 2, 3, 4], [[1, 2], [3]]));
        var patched = cached.Patch(new HashSet<int> { 2, 3, 9 }, new SearchMatches([3, 9], [[9], [3]]), keepRelevance: false);
        Assert.Equal([1, 3, 4, 9], patched.Matches.Ids.Order());
        Assert.Equal([1, 9], patched.Matches.TitleIds[0].Order());
        Assert.Equal([3], patched.Matches.TitleIds[1]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task APatchKeepsTheRelevanceOfUnchangedIdsOnlyWhenTheEngineSaysItIsPerDocument(bool keep)
    {
        var cached = new CachedMatches(new SearchMatches([1, 2, 3], [[]]));
        await cached.RelevanceAsync([1, 2, 3], ids => Task.FromResult(ids.ToDictionary(id => id, id => id * 1.5)));
        var patched = cached.Patch(new HashSet<int> { 2 }, new SearchMatches([2], [[]]), keep);

        var asked = new List<int>();
        var relevance = await patched.RelevanceAsync([1, 2, 3], ids =>
        {
            asked.AddRange(ids);
            return Task.FromResult(ids.ToDictionary(id => id, id => id * 10.0));
        });
        Assert.Equal(keep ? [2] : [1, 2, 3], asked.Order());
        Assert.Equal(keep ? 1.5 : 10.0, relevance[1]);
        Assert.Equal(20.0, relevance[2]);
    }

    [Fact]
    public async Task RelevanceValuesCountAgainstTheBudgetAsTheyAreAddedAndPushOutOlderAnswers()
    {
        var older = Answer(10);
        var growing = Answer(10);
        var cache = new MatchCache(1, budgetBytes: older.Bytes + growing.Bytes + (5 * CachedMatches.RelevanceBytes));
        cache.Set("older", older);
        cache.Set("growing", growing);
        var charged = cache.Bytes;

        await growing.RelevanceAsync([1, 2, 3], ids => Task.FromResult(ids.ToDictionary(id => id, id => 1.0)));
        Assert.Equal(charged + (3 * CachedMatches.RelevanceBytes), cache.Bytes);
        Assert.NotNull(cache.TryGet("older"));

        await growing.RelevanceAsync([4, 5, 6], ids => Task.FromResult(ids.ToDictionary(id => id, id => 1.0)));
        Assert.Null(cache.TryGet("older")); // over budget: the oldest went
        Assert.Same(growing, cache.TryGet("growing")!.Matches);
        Assert.Equal(growing.Bytes, cache.Bytes);
    }
}
