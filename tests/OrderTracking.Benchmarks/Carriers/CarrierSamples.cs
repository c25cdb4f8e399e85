namespace OrderTracking.Benchmarks.Carriers;

/// <summary>In-transit responses per carrier, as in the carrier tests' fixtures (carriers.md §3).</summary>
internal static class CarrierSamples
{
    public const string Ups = """
        {"trackResponse":{"shipment":[{"inquiryNumber":"1Z5R89390357567127","package":[{
         "trackingNumber":"1Z5R89390357567127",
         "currentStatus":{"type":"I","code":"DP","statusCode":"005","description":"Departed from Facility","simplifiedTextDescription":"On the Way"},
         "deliveryDate":[{"type":"SDD","date":"20250312"}],
         "deliveryTime":{"type":"EOD","endTime":"235900"},
         "activity":[
          {"date":"20250310","time":"223000","gmtDate":"20250311","gmtTime":"033000","gmtOffset":"-05:00",
           "location":{"address":{"city":"Louisville","stateProvince":"KY","countryCode":"US","country":"US"},"slic":"4021"},
           "status":{"type":"I","code":"DP","statusCode":"005","description":"Departed from Facility"}},
          {"date":"20250310","time":"181500","gmtDate":"20250310","gmtTime":"74700",
           "location":{"address":{"city":"Atlanta","stateProvince":"GA","countryCode":"US","country":"US"}},
           "status":{"type":"I","code":"OR","statusCode":"038","description":"Origin Scan"}},
          {"date":"20250309","time":"151641","location":{"address":{"countryCode":"US","country":"US"}},
           "status":{"type":"M","code":"MP","statusCode":"003","description":"Shipper created a label, UPS has not received the package yet."}}],
         "packageCount":1}]}]}}
        """;

    public const string FedEx = """
        {"transactionId":"624deea6-b709-470c-8c39-4b5511281492","output":{"completeTrackResults":[{"trackingNumber":"568838414941",
         "trackResults":[{"trackingNumberInfo":{"trackingNumber":"568838414941","carrierCode":"FDXE","trackingNumberUniqueId":"12029~568838414941~FDEG"},
          "latestStatusDetail":{"code":"IT","derivedCode":"IT","statusByLocale":"In transit","description":"In transit",
            "scanLocation":{"city":"MEMPHIS","stateOrProvinceCode":"TN","countryCode":"US"}},
          "dateAndTimes":[{"type":"ESTIMATED_DELIVERY","dateTime":"2025-03-12T00:00:00-06:00"},{"type":"SHIP","dateTime":"2025-03-10T00:00:00-06:00"}],
          "scanEvents":[
           {"date":"2025-03-10T17:05:00-05:00","eventType":"PU","eventDescription":"Picked up","derivedStatusCode":"PU","derivedStatus":"Picked up",
            "scanLocation":{"city":"ATLANTA","stateOrProvinceCode":"GA","postalCode":"30303","countryCode":"US"}},
           {"date":"2025-03-11T02:14:00-06:00","eventType":"DP","eventDescription":"Departed FedEx location","derivedStatusCode":"IT","derivedStatus":"In transit",
            "scanLocation":{"city":"MEMPHIS","stateOrProvinceCode":"TN","postalCode":"38118","countryCode":"US"},"locationType":"FEDEX_FACILITY"}]}]}]}}
        """;

    public const string Usps = """
        {"trackingNumber":"9400109104250532908587","mailClass":"USPS Ground Advantage<SUP>&#153;</SUP>","mailType":"DM",
         "status":"Arrived at USPS Regional Facility","statusCategory":"In Transit",
         "statusSummary":"Your item arrived at our JACKSONVILLE FL DISTRIBUTION CENTER destination facility on November 20, 2024 at 1:13 am.",
         "expectedDeliveryTimeStamp":"2024-11-22T21:00:00","destinationZIP":"34442",
         "trackingEvents":[
          {"eventType":"Arrived at USPS Regional Facility","eventTimestamp":"2024-11-20T01:13:00","GMTTimestamp":"2024-11-20T06:13:31Z","GMTOffset":"-05:00",
           "eventCity":"JACKSONVILLE FL DISTRIBUTION CENTER","eventState":null,"eventZIP":null,"eventCountry":null,"authorizedAgent":"false","eventCode":"A1"},
          {"eventType":"USPS in possession of item","eventTimestamp":"2024-11-18T11:10:00","GMTTimestamp":"2024-11-18T16:10:31Z","GMTOffset":"-05:00",
           "eventCity":"JAMAICA","eventState":"NY","eventZIP":"11430","authorizedAgent":"false","eventCode":"03"},
          {"eventType":"Shipping Label Created, USPS Awaiting Item","eventTimestamp":"2024-11-15T11:32:00","eventCity":"SPRINGFIELD GARDENS","eventState":"NY","eventZIP":"11413","eventCode":"GX"}]}
        """;

    public const string Dhl = """
        {"shipments":[{"id":"7777777770","service":"express",
         "origin":{"address":{"countryCode":"NL","addressLocality":"AMSTERDAM"}},"destination":{"address":{"countryCode":"US","addressLocality":"NEW YORK"}},
         "status":{"timestamp":"2025-03-10T07:53:47Z","location":{"address":{"countryCode":"DE","addressLocality":"LEIPZIG"}},
           "statusCode":"transit","status":"TRANSIT","description":"Shipment has departed from a DHL facility"},
         "estimatedTimeOfDelivery":"2025-03-12T00:00:00Z","estimatedTimeOfDeliveryRemark":"By End of Day",
         "events":[{"timestamp":"2025-03-09T16:20:00","location":{"address":{"countryCode":"NL","addressLocality":"AMSTERDAM"}},"statusCode":"pre-transit","description":"Shipment information received"},
                   {"timestamp":"2025-03-10T07:53:47Z","location":{"address":{"countryCode":"DE","addressLocality":"LEIPZIG"}},"statusCode":"transit","description":"Shipment has departed from a DHL facility"}]}]}
        """;
}
