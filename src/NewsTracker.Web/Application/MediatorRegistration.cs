using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsTracker.Web.Application;

/// <summary>The one place the application layer is wired: MediatR 5.1.0 handlers and notification handlers by
/// assembly scan, FluentValidation validators, the fixed pipeline Logging → Validation → ContentChanged → Transaction,
/// who is acting (<see cref="AuditContext"/>) and the save interceptor that writes the audit and content-change logs.</summary>
public static class MediatorRegistration
{
    public static IServiceCollection AddApplicationLayer(this IServiceCollection services, Assembly assembly)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService);
        services.AddScoped<IMediator, Mediator>();

        // MediatR 5 composes behaviors in reverse registration order, so the first registered is outermost.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        // Outside the transaction, so what it publishes follows the commit.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ContentChangedBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));

        services.AddHttpContextAccessor();
        services.AddScoped<AuditContext>();
        services.AddSingleton<ContentChangeLog>();
        services.AddScoped<ISaveChangesInterceptor, AuditingInterceptor>();

        // A validator that takes no services is built once: FluentValidation's validators are immutable after their
        // constructor, and building one (its rules) on every request was a measurable share of a page's cost.
        services.AddSingleton(typeof(IValidator<>), typeof(PlainTextValidator<>));
        var openInterfaces = new[] { typeof(IRequestHandler<,>), typeof(INotificationHandler<>), typeof(IValidator<>) };
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && openInterfaces.Contains(i.GetGenericTypeDefinition())))
            {
                if (contract.GetGenericTypeDefinition() == typeof(IValidator<>) && type.GetConstructors() is [{ } only] && only.GetParameters().Length == 0)
                {
                    services.AddSingleton(contract, type);
                }
                else
                {
                    services.AddScoped(contract, type);
                }
            }
        }

        return services;
    }
}
