using System.Data.Common;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Data;
using Buurtplatform.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Search;

/// <summary>
/// The in-memory index (<see cref="TermIndex"/> in the <see cref="SearchIndexSnapshot"/>): it answers exactly what the
/// database's full-text engine answers, follows every publish without asking the engine, and ranks ties by BM25.
/// </summary>
public sealed class InMemoryIndexTests
{
    private const string VoorleesHref = "/den-haag/laakkwartier-spoorwijk/activiteiten/voorleesochtend";

    /// <summary>The words of the cross-engine query list (facets aside: they do not reach the index), and a few more.</summary>
    private static IEnumerable<string> Texts() =>
        CrossEngineTests.Queries
            .Select(q => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(q).TryGetValue("q", out var v) ? v.ToString() : "")
            .Where(t => t.Length > 0)
            .Concat(["zingen peuter", "koffie ouders", "pe", "peu", "z", "ouders kinderen spelen samen", "den haag schilderswijk zingen"])
            .Distinct();

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheInMemoryIndexFindsExactlyWhatTheEngineFindsIdForId(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        _ = site.CreateClient();
        // An edit with forms, accents and stop words, so the rows are not only the seed's.
        await site.WithDbAsync(async db =>
        {
            (await db.Activities.SingleAsync(a => a.Slug == "voorleesochtend")).Body += "\n\nDaarna wordt er gezongen in het café, met de reünie van de peuters.";
            await db.SaveChangesAsync();
        });

        await site.WithDbAsync(async db =>
        {
            var search = new SearchService(db, new ActivityCalendar(site.Clock, db), Microsoft.Extensions.Options.Options.Create(new SearchOptions()));
            var snapshot = await SearchIndexSnapshot.LoadAsync(db, await SearchIndexState.ReadAsync(db, CancellationToken.None), withTerms: true, CancellationToken.None);
            var nonEmpty = 0;
            foreach (var text in Texts())
            {
                var (plan, _, _) = await search.PlanAsync(text, CancellationToken.None);
                if (plan.IsEmpty)
                    continue;
                var engine = await db.SearchEngine.MatchAsync(db, plan, among: null, CancellationToken.None);
                var (memory, relevance) = snapshot.Terms!.Match(plan);
                Assert.True(engine.Ids.Order().SequenceEqual(memory.Ids), $"\"{text}\": engine [{string.Join(',', engine.Ids.Order())}], memory [{string.Join(',', memory.Ids)}]");
                for (var g = 0; g < plan.Groups.Count; g++)
                {
                    // The engines may also name title matches that are no match of the whole plan (SQLite does); among the matches they agree.
                    var matched = engine.Ids.ToHashSet();
                    Assert.True(engine.TitleIds[g].Where(matched.Contains).Order().SequenceEqual(memory.TitleIds[g]), $"\"{text}\", title of group {g}");
                }

                Assert.Equal(memory.Ids.Count, relevance.Length);
                Assert.All(relevance, r => Assert.True(r > 0));
                nonEmpty += memory.Ids.Count > 0 ? 1 : 0;
            }

            Assert.True(nonEmpty > 40, $"only {nonEmpty} queries matched anything");
        });
    }

    /// <summary>Drops the engine's full-text index (SQLite: search_fts and its triggers; PostgreSQL: the tsvector columns), leaving the index rows.</summary>
    private static Task DropTheEnginesIndexAsync(SiteFactory site, DatabaseKind kind) => site.WithDbAsync(async db =>
    {
        if (kind == DatabaseKind.Sqlite)
        {
            foreach (var sql in new[] { "DROP TRIGGER search_fts_update", "DROP TRIGGER search_fts_delete", "DROP TRIGGER search_fts_insert", "DROP TABLE search_fts" })
                await db.Database.ExecuteSqlRawAsync(sql);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"SearchDocuments\" DROP COLUMN \"SearchVector\", DROP COLUMN \"TitleVector\"");
        }
    });

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task WithoutTheEnginesFullTextIndexEveryChangeIsFoundAtTheNextSearch(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = site.CreateClient();
        await DropTheEnginesIndexAsync(site, kind);

        // Proof that the engine can no longer answer: asked directly, it fails.
        await site.WithDbAsync(async db =>
        {
            var search = new SearchService(db, new ActivityCalendar(site.Clock, db), Microsoft.Extensions.Options.Options.Create(new SearchOptions()));
            var (plan, _, _) = await search.PlanAsync("zingen", CancellationToken.None);
            await Assert.ThrowsAnyAsync<DbException>(() => db.SearchEngine.MatchAsync(db, plan, among: null, CancellationToken.None));
        });

        async Task<List<string>> SearchAsync(string query) => SearchTests.Hrefs(await SearchTests.SearchAsync(client, query));

        Task ChangeAsync(Func<AppDbContext, Task> change) => site.WithDbAsync(async db =>
        {
            await change(db);
            await db.SaveChangesAsync();
        });

        Assert.DoesNotContain(VoorleesHref, await SearchAsync("?q=trommelen"));
        var zingen = await SearchAsync("?q=zingen");
        Assert.Contains("/den-haag/schilderswijk/activiteiten/samen-zingen", zingen);

        // An edit that adds a word: found.
        await ChangeAsync(async db => (await db.Activities.SingleAsync(a => a.Slug == "voorleesochtend")).Body += "\n\nDaarna trommelen we.");
        Assert.Contains(VoorleesHref, await SearchAsync("?q=trommelen"));
        Assert.Contains(VoorleesHref, await SearchAsync("?q=trommel")); // as a prefix too

        // An edit that takes the words away: no longer found.
        await ChangeAsync(async db => (await db.Activities.SingleAsync(a => a.Slug == "voorleesochtend")).Body = "Voorlezen uit prentenboeken.");
        Assert.DoesNotContain(VoorleesHref, await SearchAsync("?q=trommelen"));

        // An unpublish: gone; published again: back.
        await ChangeAsync(async db => (await db.Activities.Include(a => a.Wijk).SingleAsync(a => a.Slug == "samen-zingen" && a.Wijk.Slug == "schilderswijk")).State = PublishState.Draft);
        Assert.DoesNotContain("/den-haag/schilderswijk/activiteiten/samen-zingen", await SearchAsync("?q=zingen"));
        await ChangeAsync(async db => (await db.Activities.Include(a => a.Wijk).SingleAsync(a => a.Slug == "samen-zingen" && a.Wijk.Slug == "schilderswijk")).State = PublishState.Published);
        Assert.Equal(zingen.Order(), (await SearchAsync("?q=zingen")).Order());

        // A new activity published: found by its words.
        await ChangeAsync(async db =>
        {
            var draft = await db.Activities.FirstAsync(a => a.State == PublishState.Draft);
            draft.Title = "Ploempen in de plassen";
            draft.State = PublishState.Published;
        });
        Assert.Single(await SearchAsync("?q=ploempen"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheIndexFollowsOnlyTheRowsStampedSinceItsVersionAsTheFacetSnapshotDoes(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var snapshots = site.Services.GetRequiredService<SearchIndexSnapshotCache>();
        Task<int> TotalAsync(SearchIndexSnapshotCache cache) => site.WithDbAsync(async db =>
            (await new SearchService(db, new ActivityCalendar(site.Clock, db), Microsoft.Extensions.Options.Options.Create(new SearchOptions()), cache)
                .SearchAsync(new SearchQuery { Text = "zingen" }, null, CancellationToken.None)).Total);
        var before = await TotalAsync(snapshots);

        // Behind the indexer's back (no new version, no stamp): one matching row loses the word. No real write does this.
        await site.WithDbAsync(db => db.SearchDocuments.Where(d => d.Url == "/den-haag/schilderswijk/activiteiten/samen-zingen")
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.TitleText, "x").SetProperty(d => d.BodyText, "x")));

        // A real publish of something else: a new version, one row stamped with it, and only that row is read again.
        await site.WithDbAsync(async db =>
        {
            (await db.Activities.SingleAsync(a => a.Slug == "voorleesochtend")).Summary += " Met koffie.";
            await db.SaveChangesAsync();
        });
        Assert.Equal(before, await TotalAsync(snapshots));
        Assert.Equal(before - 1, await TotalAsync(new SearchIndexSnapshotCache(0))); // read whole: the row as it is now
    }

    /// <summary>Per content node, its relevance for <paramref name="text"/> from the site's in-memory index.</summary>
    private static Task<Dictionary<Guid, float>> RelevanceByNodeAsync(SiteFactory site, string text) => site.WithDbAsync(async db =>
    {
        var search = new SearchService(db, new ActivityCalendar(site.Clock, db), Microsoft.Extensions.Options.Options.Create(new SearchOptions()));
        var (plan, _, _) = await search.PlanAsync(text, CancellationToken.None);
        var snapshot = await SearchIndexSnapshot.LoadAsync(db, await SearchIndexState.ReadAsync(db, CancellationToken.None), withTerms: true, CancellationToken.None);
        var (matches, relevance) = snapshot.Terms!.Match(plan);
        var keys = await db.SearchDocuments.ToDictionaryAsync(d => d.Id, d => d.NodeKey);
        return matches.Ids.Zip(relevance).ToDictionary(x => keys[x.First], x => x.Second);
    });

    [Fact]
    public async Task BothProvidersGiveEveryMatchTheSameRelevance()
    {
        // Ids may differ between the two databases (the order rows were written in), node keys do not. Ties of the rank
        // keys are ordered by relevance and then id, so with equal relevance the order differs only among equal values.
        using var sqlite = new SiteFactory(DatabaseKind.Sqlite);
        using var postgres = new SiteFactory(DatabaseKind.Postgres);
        _ = sqlite.CreateClient();
        _ = postgres.CreateClient();
        var distinct = 0;
        foreach (var text in Texts())
        {
            var left = await RelevanceByNodeAsync(sqlite, text);
            var right = await RelevanceByNodeAsync(postgres, text);
            Assert.Equal(left.Keys.Order(), right.Keys.Order());
            foreach (var (key, value) in left)
                Assert.True(value == right[key], $"\"{text}\", node {key}: SQLite {value}, PostgreSQL {right[key]}");
            distinct += left.Values.Distinct().Count() > 1 ? 1 : 0;
        }

        Assert.True(distinct > 20, $"only {distinct} queries gave their matches different relevance values");
    }

    private static TermIndex.DocTerms Doc(string title, string body) =>
        TermIndex.DocTerms.From(title.Split(' ', StringSplitOptions.RemoveEmptyEntries), body.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static SearchPlan Plan(params string[] groups) => new(groups.Select(g =>
    {
        var parts = g.Split(' ');
        return new TermGroup(g, parts.Where(p => !p.EndsWith('*')).ToList(), parts.Where(p => p.EndsWith('*')).Select(p => p[..^1]).ToList(), []);
    }).ToList());

    private static TermIndex Build(IEnumerable<(int Id, TermIndex.DocTerms Doc)> docs, int idBound, int? maxOverlay = null)
    {
        var builder = new TermIndex.Builder();
        foreach (var (id, doc) in docs.OrderBy(d => d.Id))
            builder.Add(id, doc);
        return builder.Build(idBound, maxOverlay);
    }

    [Fact]
    public void RelevanceFavoursTitleMatchesMoreOccurrencesShorterTextsAndRarerWords()
    {
        var index = Build(
        [
            (1, Doc("zing", "peuter koffie")),                      // the word in the title
            (2, Doc("koffie", "zing peuter")),                      // once in the body
            (3, Doc("koffie", "zing zing zing peuter")),            // three times in the body
            (4, Doc("koffie", "zing peuter " + string.Join(' ', Enumerable.Repeat("thee", 40)))), // once in a long body
            (5, Doc("thee", "peuter")),
            (6, Doc("thee", "peuter")),
        ], idBound: 7);
        var (matches, relevance) = index.Match(Plan("zing"));
        Assert.Equal([1, 2, 3, 4], matches.Ids);
        Assert.Equal([1], matches.TitleIds[0]);
        var r = matches.Ids.Zip(relevance).ToDictionary(x => x.First, x => x.Second);
        Assert.True(r[1] > r[3] && r[3] > r[2] && r[2] > r[4], string.Join(", ", r));

        // "peuter" is in every document, "zing" in four of six: a "zing" match adds more than a "peuter" match.
        var (both, bothRelevance) = index.Match(Plan("zing", "peuter"));
        Assert.Equal([1, 2, 3, 4], both.Ids);
        var (peuter, peuterRelevance) = index.Match(Plan("peuter"));
        Assert.Equal(6, peuter.Ids.Count);
        Assert.True(r[2] > peuterRelevance[1], $"zing {r[2]}, peuter {peuterRelevance[1]}");
        Assert.True(bothRelevance[1] > r[2]); // document 2 gains from its second matching word
    }

    [Fact]
    public void PrefixesAndWholeTermsCountEachTermOnceAndOnlyInTheirGroup()
    {
        var index = Build([(1, Doc("zing", "zingen peuter")), (2, Doc("", "zingt")), (3, Doc("zang", "")), (4, Doc("", "peuter"))], idBound: 5);
        Assert.Equal([1, 2], index.Match(Plan("zing*")).Matches.Ids);
        Assert.Equal([1, 2], index.Match(Plan("zing zing*")).Matches.Ids); // a whole term inside a prefix's range: no double count
        Assert.Equal(index.Match(Plan("zing*")).Relevance, index.Match(Plan("zing zing*")).Relevance);
        Assert.Equal([1, 3], index.Match(Plan("zing zang")).Matches.Ids);
        Assert.Equal([1], index.Match(Plan("zing*", "peuter")).Matches.Ids);
        Assert.Empty(index.Match(Plan("xyz*")).Matches.Ids);
        Assert.Empty(index.Match(Plan("zing", "xyz")).Matches.Ids);
    }

    /// <summary>Random documents over a small vocabulary, so every query matches many of them.</summary>
    private static TermIndex.DocTerms RandomDoc(Random random)
    {
        string[] words = ["zing", "zingen", "zang", "peuter", "peuters", "koffie", "kof", "thee", "ouder", "speel", "spel", "spelinloop", "taal", "2samen"];
        string Pick(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => words[random.Next(words.Length)]));
        return Doc(Pick(random.Next(0, 4)), Pick(random.Next(0, 12)));
    }

    [Fact]
    public void AfterManyChangesTheOverlayAndItsRebuildAnswerExactlyAsAFreshIndex()
    {
        var random = new Random(15);
        var docs = Enumerable.Range(0, 300).Where(_ => random.Next(5) > 0).ToDictionary(id => id, _ => RandomDoc(random));
        var index = Build(docs.Select(d => (d.Key, d.Value)), idBound: 300, maxOverlay: 40);
        SearchPlan[] plans = [Plan("zing"), Plan("zing*"), Plan("peuter peuter*", "kof*"), Plan("spel*", "taal", "zing zang"), Plan("2samen"), Plan("nergens")];
        var rebuilt = false;
        for (var round = 0; round < 60; round++)
        {
            // A publish: a few rows rewritten or new (ids past the end too), a few removed.
            var changed = Enumerable.Range(0, random.Next(1, 4)).Select(_ => (Id: random.Next(0, 340), Doc: RandomDoc(random))).DistinctBy(c => c.Id).ToList();
            var removed = Enumerable.Range(0, random.Next(0, 3)).Select(_ => random.Next(0, 340))
                .Where(id => changed.All(c => c.Id != id) && docs.ContainsKey(id)).Distinct().ToList();
            foreach (var (id, doc) in changed)
                docs[id] = doc;
            foreach (var id in removed)
                docs.Remove(id);
            var bound = docs.Keys.Max() + 1;
            var overlayBefore = index.OverlayCount;
            index = index.With(changed, removed, bound);
            rebuilt |= index.OverlayCount < overlayBefore;

            var fresh = Build(docs.Select(d => (d.Key, d.Value)), bound);
            Assert.Equal(fresh.Count, index.Count);
            Assert.Equal(fresh.TotalLength, index.TotalLength);
            foreach (var plan in plans)
            {
                var (want, wantRelevance) = fresh.Match(plan);
                var (got, gotRelevance) = index.Match(plan);
                Assert.Equal(want.Ids, got.Ids);
                for (var g = 0; g < plan.Groups.Count; g++)
                    Assert.Equal(want.TitleIds[g], got.TitleIds[g]);
                Assert.Equal(wantRelevance, gotRelevance);
            }
        }

        Assert.True(rebuilt, "the overlay never grew past its limit: the rebuild was not tested");
    }
}
