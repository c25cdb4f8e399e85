using System.Globalization;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Core.Notifications;

/// <summary>Spanish wording (neutral Spanish, tuteo), used for every <c>es</c> locale.</summary>
internal static class SpanishTemplateTexts
{
    private static readonly string[] s_days = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"];
    private static readonly string[] s_months =
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

    public static TemplateTexts Instance { get; } = new()
    {
        Language = "es",
        Milestones = new Dictionary<Milestone, MilestoneText>
        {
            [Milestone.Shipped] = new("Tu pedido {0} ha sido enviado", "Tu pedido está en camino",
                "Buenas noticias: {1} ha recogido tu pedido {0} y ya está en camino."),
            [Milestone.OutForDelivery] = new("Tu pedido {0} está en reparto", "Llega hoy",
                "Tu pedido {0} está en reparto con {1} y debería llegar hoy."),
            [Milestone.Delivered] = new("Tu pedido {0} ha sido entregado", "Entregado",
                "{1} indica que tu pedido {0} ha sido entregado. ¡Esperamos que lo disfrutes!"),
            [Milestone.Exception] = new("Hay un problema con la entrega de tu pedido {0}", "Hay un problema con tu entrega",
                "{1} ha informado de un problema al entregar tu pedido {0}.",
                "Consulta la página de seguimiento para ver los últimos detalles: normalmente el transportista lo intenta de nuevo o explica qué hacer."),
            [Milestone.OrderConfirmed] = new("Hemos recibido tu pedido {0}", "Gracias por tu pedido",
                "Hemos recibido tu pedido {0}. Te escribiremos cuando salga.",
                "Puedes seguirlo cuando quieras en su página de seguimiento."),
            [Milestone.Delayed] = new("Tu pedido {0} está retrasado", "Tu entrega va con retraso",
                "Tu pedido {0} está tardando más de lo previsto en llegar con {1}.",
                "Lo estamos vigilando y te escribiremos cuando vuelva a avanzar."),
        },
        GreetingWithName = "Hola, {0}:",
        GreetingWithoutName = "Hola:",
        DetailsHeading = "Detalles del envío",
        OrderLabel = "Pedido",
        CarrierLabel = "Transportista",
        TrackingNumberLabel = "Número de seguimiento",
        EtaLabel = "Entrega estimada",
        ReasonLabel = "Motivo",
        NewEtaLabel = "Nueva entrega estimada",
        DelayedNewEta = "{0} prevé entregarlo ahora el {1}.",
        DelayedReason = "El motivo que indica {0}: {1}.",
        LinkText = "Sigue tu pedido",
        LinkFallback = "Si el enlace no funciona, copia esta dirección en tu navegador:",
        Footer = "Recibes este correo porque realizaste un pedido con seguimiento de envío. Por favor, no respondas a este mensaje.",
        Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TrackingReason.CustomsHold] = "Retenido en aduana",
            [TrackingReason.WeatherDelay] = "Retraso por condiciones meteorológicas",
            [TrackingReason.AddressProblem] = "Problema con la dirección de entrega",
            [TrackingReason.Refused] = "Entrega rechazada",
            [TrackingReason.Damaged] = "Paquete dañado",
            [TrackingReason.Lost] = "Paquete extraviado por el transportista",
            [TrackingReason.RecipientUnavailable] = "No había nadie para recibir el paquete",
            [TrackingReason.CarrierDelay] = "Retraso en la red del transportista",
            [TrackingReason.Held] = "Retenido en una instalación del transportista",
        },
        FormatDate = date => string.Create(
            CultureInfo.InvariantCulture, $"{s_days[(int)date.DayOfWeek]}, {date.Day} de {s_months[date.Month - 1]} de {date.Year}"),
    };
}
