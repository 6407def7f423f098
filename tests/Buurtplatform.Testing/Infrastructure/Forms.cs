using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Buurtplatform.Tests.Infrastructure;

/// <summary>
/// Submits forms the way a browser does: open the page, take the form's fields (hidden antiforgery
/// token included), change what the test types, post to the form's action.
/// </summary>
public static class Forms
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IDocument> ParseAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>GETs <paramref name="pageUrl"/>, fills the form matched by <paramref name="formSelector"/> and posts it.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> values, string formSelector = "main form")
    {
        var page = await client.GetAsync(pageUrl);
        var body = await page.Content.ReadAsStringAsync();
        Assert.True(page.IsSuccessStatusCode, $"GET {pageUrl}: {(int)page.StatusCode}\n{body[..Math.Min(body.Length, 1500)]}");
        var doc = await Parser.ParseDocumentAsync(body);
        return await client.SubmitAsync(doc, pageUrl, values, formSelector);
    }

    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string pageUrl, object values, string formSelector = "main form") =>
        client.SubmitAsync(pageUrl, Pairs(values), formSelector);

    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IDocument doc, string pageUrl, IEnumerable<KeyValuePair<string, string>> values, string formSelector = "main form")
    {
        var form = doc.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl}");
        var fields = Fields(form);
        var overrides = values.ToList();
        foreach (var name in overrides.Select(v => v.Key).Distinct())
            fields.RemoveAll(f => f.Key == name);
        fields.AddRange(overrides);
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        return await client.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    /// <summary>The fields a browser would send without the user touching anything.</summary>
    public static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>())
        {
            var type = input.Type.ToLowerInvariant();
            if (type is "checkbox" or "radio" && !input.IsChecked)
                continue;
            if (type is "submit" or "button" or "image" or "file")
                continue;
            fields.Add(new(input.Name!, input.Value ?? (type is "checkbox" or "radio" ? "on" : "")));
        }

        foreach (var select in form.QuerySelectorAll("select[name]").OfType<IHtmlSelectElement>())
        {
            var option = select.Options.FirstOrDefault(o => o.IsSelected) ?? (select.Options.Length > 0 ? select.Options[0] : null);
            if (option is not null)
                fields.Add(new(select.Name!, option.Value));
        }

        foreach (var area in form.QuerySelectorAll("textarea[name]").OfType<IHtmlTextAreaElement>())
            fields.Add(new(area.Name!, area.Value));
        return fields;
    }

    public static string AntiforgeryToken(this IDocument doc) =>
        doc.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
        ?? throw new InvalidOperationException("No antiforgery token on the page.");

    private static List<KeyValuePair<string, string>> Pairs(object values) =>
        values.GetType().GetProperties().Select(p => new KeyValuePair<string, string>(p.Name.Replace('_', '.'), p.GetValue(values)?.ToString() ?? "")).ToList();
}
