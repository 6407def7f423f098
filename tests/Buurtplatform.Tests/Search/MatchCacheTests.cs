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
        cache.Add("a", one);
        cache.Add("b", Answer(1000));
        cache.Add("c", Answer(1000));
        Assert.NotNull(cache.TryGet("a"));

        cache.Add("d", Answer(1000));
        Assert.Null(cache.TryGet("a"));
        Assert.NotNull(cache.TryGet("b"));
        Assert.NotNull(cache.TryGet("d"));

        // A large answer pushes out as many as needed.
        cache.Add("e", Answer(2000));
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
        small.Add("big", Answer(1000));
        Assert.Null(small.TryGet("big"));

        var off = new MatchCache(1, budgetBytes: 0);
        off.Add("none", Answer(0));
        Assert.Null(off.TryGet("none"));
    }

    [Fact]
    public void TheFirstAnswerForAKeyStays()
    {
        var cache = new MatchCache(1, budgetBytes: 1 << 20);
        var first = Answer(3);
        cache.Add("k", first);
        cache.Add("k", Answer(5));
        Assert.Same(first, cache.TryGet("k"));
    }
}
