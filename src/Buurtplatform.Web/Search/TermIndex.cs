using System.Buffers;

namespace Buurtplatform.Web.Search;

/// <summary>
/// An in-memory inverted index over the index rows' terms (our analyzer's terms, as the engines index them), of one
/// index version: it answers a <see cref="SearchPlan"/> (AND over groups, OR of terms and prefixes within a group, the
/// title matches per group) and the relevance of every match (BM25) without asking the database. Part of
/// <see cref="SearchIndexSnapshot"/>, read and brought up to date with it.
/// </summary>
/// <remarks>
/// <para>
/// Layout, compact for 100,000 documents: the distinct terms sorted (ordinal), so a prefix is a range found by binary
/// search; per term a run of postings in three flat arrays (document ids ascending, occurrences in the title and in
/// the body, a byte each, saturating at 255). Six bytes a posting, no object per posting or document.
/// </para>
/// <para>
/// A new index version does not rebuild it: the changed rows go into a small overlay (their terms, evaluated directly)
/// and their postings in the base are marked stale; removed rows are only marked. When the overlay grows past
/// <see cref="MaxOverlay"/> the base is rebuilt from itself and the overlay (no database read).
/// </para>
/// <para>
/// Relevance: BM25 (k1 1.2, b 0.75) with each query group as one term: its frequency in a document is the weighted
/// number of its terms' occurrences (a title occurrence counts 4, a body occurrence 1, as the SQLite engine's bm25 was
/// weighted), its document frequency the number of documents it matches, IDF Lucene's ln(1 + (N − n + 0.5) / (n + 0.5)),
/// and the document length the number of its terms. The same values on both database providers.
/// </para>
/// </remarks>
internal sealed class TermIndex
{
    private const float K1 = 1.2f;
    private const float B = 0.75f;
    private const int TitleWeight = 4;

    /// <summary>A limit for <see cref="MaxOverlay"/> set by a test; null: the default.</summary>
    private readonly int? _overlayLimit;

    private readonly string[] _terms;
    private readonly int[] _starts;
    private readonly int[] _docs;
    private readonly byte[] _title;
    private readonly byte[] _body;

    /// <summary>Per document id: its number of terms (title and body); 0 when there is no such row.</summary>
    private readonly int[] _lengths;

    /// <summary>Per document id: true when its postings in the base no longer hold (changed or removed since); empty when none are.</summary>
    private readonly bool[] _stale;

    /// <summary>The rows changed since the base was built, with their terms (removed rows are not here, only stale).</summary>
    private readonly Dictionary<int, DocTerms> _overlay;

    private readonly int _staleCount;

    private TermIndex(string[] terms, int[] starts, int[] docs, byte[] title, byte[] body, int[] lengths, bool[] stale, int staleCount,
        Dictionary<int, DocTerms> overlay, int count, long totalLength, int? overlayLimit)
    {
        _terms = terms;
        _starts = starts;
        _docs = docs;
        _title = title;
        _body = body;
        _lengths = lengths;
        _stale = stale;
        _staleCount = staleCount;
        _overlay = overlay;
        Count = count;
        TotalLength = totalLength;
        _overlayLimit = overlayLimit;
    }

    /// <summary>The number of documents.</summary>
    public int Count { get; }

    /// <summary>The terms of all documents together (BM25's average document length is this over <see cref="Count"/>).</summary>
    public long TotalLength { get; }

    /// <summary>The changed rows held in the overlay (for tests: a rebuild empties it).</summary>
    internal int OverlayCount => _overlay.Count;

    /// <summary>
    /// Changed or removed rows held in the overlay before the base is rebuilt: 1,024 plus one per 100 rows. Each search
    /// checks the overlay's rows one by one (about 0.3 µs a row and query word), a rebuild costs about as much as
    /// building the index (see docs/performance.md).
    /// </summary>
    internal int MaxOverlay => _overlayLimit ?? 1024 + (Count / 100);

    /// <summary>The number of postings in the base (for the memory estimate in docs/performance.md).</summary>
    internal int Postings => _docs.Length;

    /// <summary>The distinct terms in the base.</summary>
    internal int TermCount => _terms.Length;

    /// <summary>One document's distinct terms (sorted, ordinal) with their occurrences in the title and in the body.</summary>
    internal sealed record DocTerms(string[] Terms, byte[] Title, byte[] Body, int Length)
    {
        public static DocTerms From(IEnumerable<string> titleTerms, IEnumerable<string> bodyTerms)
        {
            var counts = new Dictionary<string, (int Title, int Body)>(StringComparer.Ordinal);
            var length = 0;
            foreach (var t in titleTerms)
            {
                counts[t] = counts.TryGetValue(t, out var c) ? (c.Title + 1, c.Body) : (1, 0);
                length++;
            }

            foreach (var t in bodyTerms)
            {
                counts[t] = counts.TryGetValue(t, out var c) ? (c.Title, c.Body + 1) : (0, 1);
                length++;
            }

            var terms = counts.Keys.ToArray();
            Array.Sort(terms, StringComparer.Ordinal);
            var title = new byte[terms.Length];
            var body = new byte[terms.Length];
            for (var i = 0; i < terms.Length; i++)
            {
                var (t, b) = counts[terms[i]];
                title[i] = (byte)Math.Min(t, byte.MaxValue);
                body[i] = (byte)Math.Min(b, byte.MaxValue);
            }

            return new DocTerms(terms, title, body, length);
        }

        /// <summary>The weighted occurrences of the group's terms and prefixes here, and whether any is in the title.</summary>
        public (int Weight, bool InTitle) Match(string[] exact, string[] prefixes)
        {
            var weight = 0;
            var inTitle = false;
            // Terms are distinct; one term can be both asked whole and covered by a prefix, so each is counted once.
            for (var i = 0; i < Terms.Length; i++)
            {
                var term = Terms[i];
                if (!Matches(term, exact, prefixes))
                    continue;
                weight += (TitleWeight * Title[i]) + Body[i];
                inTitle |= Title[i] > 0;
            }

            return (weight, inTitle);
        }

        private static bool Matches(string term, string[] exact, string[] prefixes)
        {
            foreach (var e in exact)
            {
                if (string.Equals(term, e, StringComparison.Ordinal))
                    return true;
            }

            foreach (var p in prefixes)
            {
                if (term.StartsWith(p, StringComparison.Ordinal))
                    return true;
            }

            return false;
        }
    }

    /// <summary>Builds an index from documents added in ascending id order (postings come out sorted without sorting them).</summary>
    internal sealed class Builder
    {
        private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
        private readonly List<string> _termList = [];
        private readonly List<int> _postingCounts = [];
        // Per document, its postings (term id, title, body) in a row: appended in id order.
        private int[] _docTermIds = new int[1024];
        private byte[] _docTitle = new byte[1024];
        private byte[] _docBody = new byte[1024];
        private int _used;
        private readonly List<(int Id, int Start, int End)> _docs = [];
        private readonly List<(int Id, int Length)> _lengths = [];
        private int _maxId = -1;

        public void Add(int id, DocTerms doc)
        {
            if (id <= _maxId)
                throw new ArgumentException("Documents must be added in ascending id order.", nameof(id));
            _maxId = id;
            var start = _used;
            Grow(_used + doc.Terms.Length);
            for (var i = 0; i < doc.Terms.Length; i++)
            {
                if (!_termIds.TryGetValue(doc.Terms[i], out var termId))
                {
                    termId = _termList.Count;
                    _termIds[doc.Terms[i]] = termId;
                    _termList.Add(doc.Terms[i]);
                    _postingCounts.Add(0);
                }

                _postingCounts[termId]++;
                _docTermIds[_used] = termId;
                _docTitle[_used] = doc.Title[i];
                _docBody[_used] = doc.Body[i];
                _used++;
            }

            _docs.Add((id, start, _used));
            _lengths.Add((id, doc.Length));
        }

        private void Grow(int needed)
        {
            if (needed <= _docTermIds.Length)
                return;
            var size = Math.Max(needed, _docTermIds.Length * 2);
            Array.Resize(ref _docTermIds, size);
            Array.Resize(ref _docTitle, size);
            Array.Resize(ref _docBody, size);
        }

        /// <param name="idBound">At least one more than the largest document id (the snapshot's array length).</param>
        /// <param name="maxOverlay">Tests only: a smaller <see cref="MaxOverlay"/>.</param>
        public TermIndex Build(int idBound, int? maxOverlay = null)
        {
            // Terms sorted; each term's postings in the order documents were added (ascending ids).
            var order = Enumerable.Range(0, _termList.Count).ToArray();
            var sortedTerms = _termList.ToArray();
            Array.Sort(sortedTerms, order, StringComparer.Ordinal);
            var rank = new int[order.Length];
            for (var i = 0; i < order.Length; i++)
                rank[order[i]] = i;
            var starts = new int[sortedTerms.Length + 1];
            for (var i = 0; i < sortedTerms.Length; i++)
                starts[i + 1] = starts[i] + _postingCounts[order[i]];
            var next = starts[..^1];
            var docs = new int[_used];
            var title = new byte[_used];
            var body = new byte[_used];
            foreach (var (id, start, end) in _docs)
            {
                for (var p = start; p < end; p++)
                {
                    var at = next[rank[_docTermIds[p]]]++;
                    docs[at] = id;
                    title[at] = _docTitle[p];
                    body[at] = _docBody[p];
                }
            }

            var lengths = new int[Math.Max(idBound, _maxId + 1)];
            long total = 0;
            foreach (var (id, length) in _lengths)
            {
                lengths[id] = Math.Max(length, 1); // a row without terms still exists (length 0 would read as "no row")
                total += lengths[id];
            }

            return new TermIndex(sortedTerms, starts, docs, title, body, lengths, [], 0, [], _docs.Count, total, maxOverlay);
        }
    }

    /// <summary>
    /// This index with <paramref name="changed"/> rows (new or rewritten, with their terms) and <paramref name="removed"/>
    /// rows gone: a new index sharing this one's base, or a rebuilt base when the overlay grew past <see cref="MaxOverlay"/>.
    /// </summary>
    public TermIndex With(IReadOnlyList<(int Id, DocTerms Terms)> changed, IReadOnlyCollection<int> removed, int idBound)
    {
        var size = Math.Max(Math.Max(idBound, _lengths.Length), changed.Count == 0 ? 0 : changed.Max(c => c.Id) + 1);
        var lengths = new int[size];
        Array.Copy(_lengths, lengths, _lengths.Length);
        var stale = new bool[size];
        Array.Copy(_stale, stale, _stale.Length);
        var staleCount = _staleCount;
        var overlay = new Dictionary<int, DocTerms>(_overlay);
        var count = Count;
        var total = TotalLength;

        void Drop(int id)
        {
            if (lengths[id] > 0)
            {
                count--;
                total -= lengths[id];
            }

            lengths[id] = 0;
            overlay.Remove(id);
            if (!stale[id])
            {
                stale[id] = true;
                staleCount++;
            }
        }

        foreach (var id in removed)
        {
            if ((uint)id < (uint)size)
                Drop(id);
        }

        foreach (var (id, terms) in changed)
        {
            Drop(id);
            overlay[id] = terms;
            lengths[id] = Math.Max(terms.Length, 1);
            count++;
            total += lengths[id];
        }

        var next = new TermIndex(_terms, _starts, _docs, _title, _body, lengths, stale, staleCount, overlay, count, total, _overlayLimit);
        return overlay.Count + staleCount > next.MaxOverlay ? next.Rebuilt(size) : next;
    }

    /// <summary>A new base from this base's valid postings and the overlay: no stale postings, no overlay.</summary>
    private TermIndex Rebuilt(int idBound)
    {
        // The overlay inverted: per term, its documents ascending.
        var added = new Dictionary<string, List<(int Id, byte Title, byte Body)>>(StringComparer.Ordinal);
        foreach (var (id, doc) in _overlay.OrderBy(o => o.Key))
        {
            for (var i = 0; i < doc.Terms.Length; i++)
            {
                if (!added.TryGetValue(doc.Terms[i], out var list))
                    added[doc.Terms[i]] = list = [];
                list.Add((id, doc.Title[i], doc.Body[i]));
            }
        }

        var terms = _terms.Concat(added.Keys.Where(t => Array.BinarySearch(_terms, t, StringComparer.Ordinal) < 0)).ToArray();
        Array.Sort(terms, StringComparer.Ordinal);
        var capacity = _docs.Length + added.Values.Sum(l => l.Count);
        var docs = new int[capacity];
        var title = new byte[capacity];
        var body = new byte[capacity];
        var starts = new int[terms.Length + 1];
        var used = 0;
        var kept = new List<string>(terms.Length);
        for (var t = 0; t < terms.Length; t++)
        {
            var begin = used;
            var old = Array.BinarySearch(_terms, terms[t], StringComparer.Ordinal);
            var fresh = added.GetValueOrDefault(terms[t]);
            int p = old >= 0 ? _starts[old] : 0, pEnd = old >= 0 ? _starts[old + 1] : 0, f = 0, fEnd = fresh?.Count ?? 0;
            while (p < pEnd || f < fEnd)
            {
                if (p < pEnd && _stale.Length > _docs[p] && _stale[_docs[p]])
                {
                    p++;
                    continue;
                }

                if (f >= fEnd || (p < pEnd && _docs[p] < fresh![f].Id))
                {
                    docs[used] = _docs[p];
                    title[used] = _title[p];
                    body[used] = _body[p];
                    p++;
                }
                else
                {
                    (docs[used], title[used], body[used]) = fresh![f];
                    f++;
                }

                used++;
            }

            if (used > begin)
            {
                kept.Add(terms[t]);
                starts[kept.Count] = used;
            }
        }

        Array.Resize(ref docs, used);
        Array.Resize(ref title, used);
        Array.Resize(ref body, used);
        Array.Resize(ref starts, kept.Count + 1);
        var lengths = new int[Math.Max(idBound, _lengths.Length)];
        Array.Copy(_lengths, lengths, _lengths.Length);
        return new TermIndex([.. kept], starts, docs, title, body, lengths, [], 0, [], Count, TotalLength, _overlayLimit);
    }

    /// <summary>
    /// Every document that matches all groups of <paramref name="plan"/> (ascending ids), per group those whose title
    /// matches it too, and each match's relevance (BM25, higher is better), in the order of the ids: <see cref="MatchAll"/>
    /// as lists (as the engines answer).
    /// </summary>
    public (SearchMatches Matches, float[] Relevance) Match(SearchPlan plan)
    {
        var found = MatchAll(plan);
        return (found.ToSearchMatches(), found.Relevance);
    }

    /// <summary>
    /// Every document that matches all groups of <paramref name="plan"/>: in three arrays of exactly the matches' number
    /// (ids ascending, per match a bit per group whose title it matches, its relevance), nothing per match beyond them.
    /// </summary>
    public MemoryMatches MatchAll(SearchPlan plan)
    {
        var n = _lengths.Length;
        var groups = plan.Groups.Count;
        if (groups == 0 || Count == 0)
            return new MemoryMatches([], [], [], groups);
        var matched = ArrayPool<byte>.Shared.Rent(n);
        var titleBits = ArrayPool<uint>.Shared.Rent(n);
        var weight = ArrayPool<int>.Shared.Rent(n);
        var score = ArrayPool<float>.Shared.Rent(n);
        var touched = ArrayPool<int>.Shared.Rent(n);
        try
        {
            Array.Clear(matched, 0, n);
            Array.Clear(weight, 0, n);
            var average = Math.Max(1f, (float)TotalLength / Count);
            var total = 0;
            for (var g = 0; g < groups; g++)
            {
                var group = plan.Groups[g];
                var exact = group.EngineTerms.ToArray();
                var prefixes = group.EnginePrefixes.ToArray();
                var bit = 1u << (g & 31);
                var found = 0;
                var first = g == 0;

                // Base postings of every term the group asks for, each term once (a whole term can also lie in a prefix's range).
                foreach (var t in TermRanks(exact, prefixes))
                {
                    // The hot loop: one term's postings as spans (no bounds checks), stale ones skipped.
                    var start = _starts[t];
                    var length = _starts[t + 1] - start;
                    var docs = _docs.AsSpan(start, length);
                    var inTitle = _title.AsSpan(start, length);
                    var inBody = _body.AsSpan(start, length);
                    var stale = _staleCount > 0 ? _stale : null;
                    for (var p = 0; p < docs.Length; p++)
                    {
                        var d = docs[p];
                        if (stale is not null && d < stale.Length && stale[d])
                            continue;
                        if (weight[d] == 0)
                        {
                            touched[found++] = d;
                            if (first)
                            {
                                // Only documents the first group touches can match: their title bits and score start here
                                // (the arrays are not cleared whole; the others are never read).
                                titleBits[d] = 0;
                                score[d] = 0;
                            }
                        }

                        weight[d] += (TitleWeight * inTitle[p]) + inBody[p];
                        if (inTitle[p] > 0)
                            titleBits[d] |= bit;
                    }
                }

                foreach (var (d, doc) in _overlay)
                {
                    var (w, inTitle) = doc.Match(exact, prefixes);
                    if (w == 0)
                        continue;
                    if (weight[d] == 0)
                    {
                        touched[found++] = d;
                        if (first)
                        {
                            titleBits[d] = 0;
                            score[d] = 0;
                        }
                    }

                    weight[d] += w;
                    if (inTitle)
                        titleBits[d] |= bit;
                }

                var idf = (float)Math.Log(1 + ((Count - found + 0.5) / (found + 0.5)));
                var last = g == groups - 1;
                for (var i = 0; i < found; i++)
                {
                    var d = touched[i];
                    if (matched[d] == g)
                    {
                        matched[d] = (byte)(g + 1);
                        float f = weight[d];
                        score[d] += idf * f * (K1 + 1) / (f + (K1 * (1 - B + (B * _lengths[d] / average))));
                        if (last)
                            total++; // counted here, so the answer's arrays are allocated once at their size
                    }

                    weight[d] = 0;
                }
            }

            var ids = new int[total];
            var bits = new uint[total];
            var relevance = new float[total];
            var at = 0;
            for (var d = 0; d < n && at < total; d++)
            {
                if (matched[d] != groups)
                    continue;
                ids[at] = d;
                bits[at] = titleBits[d];
                relevance[at] = score[d];
                at++;
            }

            return new MemoryMatches(ids, bits, relevance, groups);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(matched);
            ArrayPool<uint>.Shared.Return(titleBits);
            ArrayPool<int>.Shared.Return(weight);
            ArrayPool<float>.Shared.Return(score);
            ArrayPool<int>.Shared.Return(touched);
        }
    }

    /// <summary>The base's term positions for these whole terms and prefixes, each once.</summary>
    private HashSet<int> TermRanks(string[] exact, string[] prefixes)
    {
        var ranks = new HashSet<int>();
        foreach (var e in exact)
        {
            var i = Array.BinarySearch(_terms, e, StringComparer.Ordinal);
            if (i >= 0)
                ranks.Add(i);
        }

        foreach (var p in prefixes)
        {
            var i = LowerBound(p);
            while (i < _terms.Length && _terms[i].StartsWith(p, StringComparison.Ordinal))
                ranks.Add(i++);
        }

        return ranks;
    }

    /// <summary>The first position whose term is not ordinally less than <paramref name="value"/>.</summary>
    private int LowerBound(string value)
    {
        int lo = 0, hi = _terms.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(_terms[mid], value) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }

        return lo;
    }
}

/// <summary>
/// The in-memory index's answer (<see cref="TermIndex.MatchAll"/>): the matching ids ascending and, per match, a bit per
/// query group whose title it matches (group g: bit g, at most 32 groups) and its relevance (BM25).
/// </summary>
internal sealed class MemoryMatches(int[] ids, uint[] titleBits, float[] relevance, int groups)
{
    public int[] Ids { get; } = ids;

    public uint[] TitleBits { get; } = titleBits;

    public float[] Relevance { get; } = relevance;

    public int Count => Ids.Length;

    public int Groups { get; } = groups;

    /// <summary>The memory held: twelve bytes a match.</summary>
    public long Bytes => 12L * Ids.Length;

    /// <summary>The same answer as lists, as the engines give it (ids, and per group the ids whose title matches it).</summary>
    public SearchMatches ToSearchMatches()
    {
        var titleCounts = new int[Groups];
        foreach (var b in TitleBits)
        {
            for (var g = 0; g < Groups; g++)
                titleCounts[g] += (int)((b >> (g & 31)) & 1);
        }

        var titles = titleCounts.Select(c => new List<int>(c)).ToList();
        for (var i = 0; i < Ids.Length; i++)
        {
            var b = TitleBits[i];
            for (var g = 0; g < Groups && b != 0; g++)
            {
                if ((b & (1u << (g & 31))) != 0)
                    titles[g].Add(Ids[i]);
            }
        }

        return new SearchMatches([.. Ids], titles);
    }
}
