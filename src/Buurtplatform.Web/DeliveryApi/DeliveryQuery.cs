
namespace Buurtplatform.Web.DeliveryApi;

/// <summary>
/// <c>GET /content</c>'s parameters read and checked: one <c>fetch</c> selector, any number of <c>filter</c>s (all must match)
/// and <c>sort</c>s (in order), <c>skip</c> and <c>take</c>. Without a sort the items come in tree order.
/// </summary>
public sealed class DeliveryQuery
{
    private readonly List<Func<DeliveryNode, bool>> _filters = [];
    private readonly List<Comparison<DeliveryNode>> _sorts = [];
    private Func<DeliveryTree, IEnumerable<DeliveryNode>> _source = t => t.Nodes;
    private DeliveryRequest _request = null!;

    private DeliveryQuery()
    {
    }

    public IResult? Error { get; private set; }

    public int Skip { get; private set; }

    public int Take { get; private set; }

    public static DeliveryQuery Parse(DeliveryRequest request, string? fetch, string[] filters, string[] sorts, string? skip, string? take, DeliveryApiOptions options)
    {
        var q = new DeliveryQuery { _request = request };
        q.Error = q.ReadFetch(request, fetch) ?? q.ReadFilters(filters) ?? q.ReadSorts(sorts) ?? q.ReadPaging(skip, take, options);
        return q;
    }

    public IEnumerable<DeliveryNode> Apply(DeliveryTree tree)
    {
        var items = _source(tree).Where(_request.InScope).Where(n => _filters.All(f => f(n)));
        if (_sorts.Count == 0)
            return items;
        // Stable: what the sorts leave equal keeps its tree order.
        var list = items.Select((node, index) => (Node: node, Index: index)).ToList();
        list.Sort((x, y) =>
        {
            foreach (var compare in _sorts)
            {
                var c = compare(x.Node, y.Node);
                if (c != 0)
                    return c;
            }

            return x.Index.CompareTo(y.Index);
        });
        return list.Select(x => x.Node);
    }

    private IResult? ReadFetch(DeliveryRequest request, string? fetch)
    {
        if (string.IsNullOrEmpty(fetch))
            return null;
        var colon = fetch.IndexOf(':', StringComparison.Ordinal);
        var (selector, target) = colon < 0 ? (fetch, "") : (fetch[..colon], fetch[(colon + 1)..]);
        if (selector is not ("children" or "descendants" or "ancestors"))
            return DeliveryApiSetup.BadRequest($"fetch: '{selector}' is not children, descendants or ancestors.");
        if (target.Length == 0)
            return DeliveryApiSetup.BadRequest($"fetch: {selector}: needs an id or path, e.g. {selector}:den-haag/schilderswijk.");
        var tree = request.Tree!;
        var path = request.Start is { } start && !Guid.TryParse(target, out _) && tree.Find(target) is null ? start.Path + "/" + target.Trim('/') : target;
        if (tree.FindByIdOrPath(path) is not { } node || !request.InScope(node))
            return DeliveryApiSetup.NotFound($"fetch: no item with id or path '{target}'.");
        _source = selector switch
        {
            "children" => t => t.Children(node),
            "descendants" => t => t.Descendants(node),
            _ => t => t.Ancestors(node).Reverse(),
        };
        return null;
    }

    private IResult? ReadFilters(string[] filters)
    {
        foreach (var filter in filters)
        {
            if (TryField(filter, "contentType:") is { } type)
            {
                var negate = type.StartsWith('!');
                var alias = negate ? type[1..] : type;
                if (!DeliveryTree.ContentTypes.Contains(alias))
                    return DeliveryApiSetup.BadRequest($"filter: '{alias}' is not a content type; these are: {string.Join(", ", DeliveryTree.ContentTypes)}.");
                _filters.Add(n => (n.ContentType == alias) != negate);
            }
            else if (TryField(filter, "name:") is { } name)
            {
                var negate = name.StartsWith('!');
                var text = negate ? name[1..] : name;
                if (text.Length == 0)
                    return DeliveryApiSetup.BadRequest("filter: name: needs a text.");
                _filters.Add(n => n.Name.Contains(text, StringComparison.CurrentCultureIgnoreCase) != negate);
            }
            else if ((DateFilter(filter, "createDate", n => n.CreatedUtc) ?? DateFilter(filter, "updateDate", n => n.UpdatedUtc)) is { } dateFilter)
            {
                if (dateFilter.Error is { } error)
                    return error;
                _filters.Add(dateFilter.Filter!);
            }
            else
            {
                return DeliveryApiSetup.BadRequest($"filter: '{filter}' is not one of contentType:, name:, createDate or updateDate with >, >:, < or <:.");
            }
        }

        return null;
    }

    private sealed record DateFilterResult(Func<DeliveryNode, bool>? Filter, IResult? Error);

    private static DateFilterResult? DateFilter(string filter, string field, Func<DeliveryNode, DateTime> value)
    {
        if (!filter.StartsWith(field, StringComparison.Ordinal))
            return null;
        var rest = filter[field.Length..];
        var (op, text) = rest.StartsWith(">:", StringComparison.Ordinal) ? (">=", rest[2..])
            : rest.StartsWith("<:", StringComparison.Ordinal) ? ("<=", rest[2..])
            : rest.StartsWith('>') ? (">", rest[1..])
            : rest.StartsWith('<') ? ("<", rest[1..])
            : ("", rest);
        if (op.Length == 0)
            return new DateFilterResult(null, DeliveryApiSetup.BadRequest($"filter: {field} needs >, >:, < or <: before the date."));
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when))
            return new DateFilterResult(null, DeliveryApiSetup.BadRequest($"filter: '{text}' is not a date (e.g. 2026-11-01 or 2026-11-01T09:00:00Z)."));
        var utc = when.UtcDateTime;
        return new DateFilterResult(op switch
        {
            ">" => n => value(n) > utc,
            ">=" => n => value(n) >= utc,
            "<" => n => value(n) < utc,
            _ => n => value(n) <= utc,
        }, null);
    }

    private IResult? ReadSorts(string[] sorts)
    {
        foreach (var sort in sorts)
        {
            var colon = sort.IndexOf(':', StringComparison.Ordinal);
            var (field, direction) = colon < 0 ? (sort, "asc") : (sort[..colon], sort[(colon + 1)..]);
            if (direction is not ("asc" or "desc"))
                return DeliveryApiSetup.BadRequest($"sort: '{direction}' is not asc or desc.");
            Comparison<DeliveryNode>? compare = field switch
            {
                "name" => (a, b) => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase),
                "createDate" => (a, b) => a.CreatedUtc.CompareTo(b.CreatedUtc),
                "updateDate" => (a, b) => a.UpdatedUtc.CompareTo(b.UpdatedUtc),
                "sortOrder" => (a, b) => a.SortOrder.CompareTo(b.SortOrder),
                "level" => (a, b) => a.Level.CompareTo(b.Level),
                _ => null,
            };
            if (compare is null)
                return DeliveryApiSetup.BadRequest($"sort: '{field}' is not name, createDate, updateDate, sortOrder or level.");
            _sorts.Add(direction == "desc" ? (a, b) => compare(b, a) : compare);
        }

        return null;
    }

    private IResult? ReadPaging(string? skip, string? take, DeliveryApiOptions options)
    {
        Skip = 0;
        Take = options.DefaultTake;
        if (skip is not null && (!int.TryParse(skip, NumberStyles.None, CultureInfo.InvariantCulture, out var s) || s < 0))
            return DeliveryApiSetup.BadRequest($"skip: '{skip}' is not a whole number of 0 or more.");
        if (skip is not null)
            Skip = int.Parse(skip, CultureInfo.InvariantCulture);
        if (take is not null)
        {
            if (!int.TryParse(take, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
                return DeliveryApiSetup.BadRequest($"take: '{take}' is not a whole number of 0 or more.");
            if (t > options.MaxTake)
                return DeliveryApiSetup.BadRequest($"take: at most {options.MaxTake} items per request.");
            Take = t;
        }

        return null;
    }

    private static string? TryField(string filter, string prefix) =>
        filter.StartsWith(prefix, StringComparison.Ordinal) ? filter[prefix.Length..] : null;
}
