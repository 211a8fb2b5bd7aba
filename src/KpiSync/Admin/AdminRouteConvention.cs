using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace KpiSync.Admin;

/// <summary>Every Razor page lives under /admin (the pages themselves sit in Admin/Pages).</summary>
internal sealed class AdminRouteConvention : IPageRouteModelConvention
{
    public const string Prefix = "admin";

    public void Apply(PageRouteModel model)
    {
        foreach (var selector in model.Selectors)
        {
            if (selector.AttributeRouteModel is { } route)
            {
                route.Template = AttributeRouteModel.CombineTemplates(Prefix, route.Template);
            }
        }
    }
}
