using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace NewsTracker.Web.Pages;

/// <summary>
/// <c>&lt;article-meta model="…" /&gt;</c>: the meta line under an article's title (outlet, byline, agency, date, a
/// badge once it changed). A tag helper rather than a partial view because lists draw it on every row, and each
/// partial costs a view lookup, a page activation and a copy of the view data: twenty of them were a noticeable part
/// of the home page's rendering.
/// </summary>
[HtmlTargetElement("article-meta", Attributes = "model", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ArticleMetaTagHelper : TagHelper
{
    public ArticleMeta Model { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var meta = Model;
        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "meta");
        var content = output.Content;
        content.AppendHtml("\n");
        if (!string.IsNullOrEmpty(meta.Outlet))
        {
            content.AppendHtml(meta.OutletId is { } outletId
                ? string.Create(CultureInfo.InvariantCulture, $"<a class=\"outlet\" href=\"/outlets/{outletId}\">")
                : "<span class=\"outlet\">");
            content.Append(meta.Outlet);
            content.AppendHtml(meta.OutletId is null ? "</span>\n" : "</a>\n");
        }

        if (!string.IsNullOrEmpty(meta.Byline))
        {
            content.AppendHtml("<span class=\"byline\">").Append(meta.Byline).AppendHtml("</span>\n");
        }

        if (!string.IsNullOrEmpty(meta.Agency))
        {
            content.AppendHtml("<span class=\"agency\" title=\"Wire agency credited in the byline\">").Append(meta.Agency).AppendHtml("</span>\n");
        }

        var attribute = HtmlEncoder.Default;
        content.AppendHtml(string.Create(CultureInfo.InvariantCulture,
            $"<time datetime=\"{attribute.Encode(meta.Date.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))}\" title=\"{attribute.Encode(ArticleDates.Title(meta.Date, meta.IsPublished))}\">\n"));
        content.Append(ArticleDates.Describe(meta.Date, meta.IsPublished)).AppendHtml("\n</time>\n");
        if (meta.Version > 1)
        {
            content.AppendHtml(string.Create(CultureInfo.InvariantCulture,
                $"<span class=\"badge\" title=\"This article changed after it was first stored\">Updated · v{meta.Version}</span>\n"));
        }
    }
}
