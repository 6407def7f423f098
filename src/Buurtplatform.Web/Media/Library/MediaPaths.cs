namespace Buurtplatform.Web.Media.Library;

/// <summary>The media library's backoffice URLs. The route values (<c>wijkId</c>, <c>mediaItemId</c>) are checked against StaffScope.</summary>
public static class MediaPaths
{
    public static string Library(int wijkId) => $"/backoffice/wijken/{wijkId}/media";

    public static string Upload(int wijkId) => $"/backoffice/wijken/{wijkId}/media/nieuw";

    public static string Photo(int mediaItemId) => $"/backoffice/media/{mediaItemId}";

    public static string Delete(int mediaItemId) => $"/backoffice/media/{mediaItemId}/verwijderen";
}
