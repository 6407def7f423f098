using System.Text.Json.Nodes;

namespace Buurtplatform.Web.DeliveryApi;

// The JSON shapes of Umbraco's Content Delivery API v2, property for property and in its order: front-end teams and
// Umbraco's own clients read them as they read Umbraco. These records are also what the OpenAPI document describes.

/// <summary>The root a node lives under (a gemeente): its key and its URL segment.</summary>
public sealed record ApiStartItem(Guid Id, string Path);

/// <summary>Where a node is: the path of its public page (see docs/api.md) and its start item.</summary>
public sealed record ApiContentRoute(string Path, ApiStartItem StartItem);

/// <summary>A node as another node's property shows it: shallow (properties empty) unless <c>expand</c> names it.</summary>
public sealed record ApiContent(
    string Name,
    DateTimeOffset CreateDate,
    DateTimeOffset UpdateDate,
    ApiContentRoute Route,
    Guid Id,
    string ContentType,
    IReadOnlyDictionary<string, JsonNode?> Properties);

/// <summary>A node as the API answers it.</summary>
public sealed record ApiContentResponse(
    string Name,
    DateTimeOffset CreateDate,
    DateTimeOffset UpdateDate,
    ApiContentRoute Route,
    Guid Id,
    string ContentType,
    IReadOnlyDictionary<string, JsonNode?> Properties,
    IReadOnlyDictionary<string, ApiContentRoute> Cultures);

/// <summary>A page of <c>GET /content</c>: how many matched in all, and this page of them.</summary>
public sealed record ApiPagedContent(int Total, IReadOnlyList<ApiContentResponse> Items);
