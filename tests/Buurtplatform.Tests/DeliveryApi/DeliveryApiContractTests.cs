using System.Text.Json;
using System.Text.Json.Nodes;
using Buurtplatform.Tests.Infrastructure;

namespace Buurtplatform.Tests.DeliveryApi;

/// <summary>
/// The Delivery API's OpenAPI document against the contract kept in the repository (as Umbraco keeps its own): a change to
/// what the API offers shows up as a change of delivery-openapi.json in review. To accept a deliberate change, run this test
/// with BUURTPLATFORM_UPDATE_SNAPSHOTS=1 and commit the file.
/// </summary>
public sealed class DeliveryApiContractTests
{
    private static readonly string Snapshot = Path.Combine(TestEnvironment.RepoRoot, "tests", "Buurtplatform.Tests", "DeliveryApi", "delivery-openapi.json");

    [Fact]
    public async Task TheOpenApiDocumentIsTheContractInTheRepository()
    {
        using var site = new SiteFactory();
        var response = await site.CreateClient().GetAsync("/umbraco/openapi/delivery.json", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        document.Remove("servers"); // the host the request came in on
        var actual = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
        if (Environment.GetEnvironmentVariable("BUURTPLATFORM_UPDATE_SNAPSHOTS") == "1")
            await File.WriteAllTextAsync(Snapshot, actual, TestContext.Current.CancellationToken);

        // Umbraco's four operations, under Umbraco's paths.
        Assert.Equal(
            ["/umbraco/delivery/api/v2/content/item/{id}", "/umbraco/delivery/api/v2/content/item/{path}", "/umbraco/delivery/api/v2/content/items", "/umbraco/delivery/api/v2/content"],
            document["paths"]!.AsObject().Select(p => p.Key));
        Assert.Equal((await File.ReadAllTextAsync(Snapshot, TestContext.Current.CancellationToken)).ReplaceLineEndings("\n"), actual);
    }
}
