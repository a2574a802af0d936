public import Liquid
public import Providers

/// A channel step: a channel or a channel group of one channel type, its templates and its send windows.
public struct ChannelStep: Sendable {
    /// Where a channel step sends.
    public enum Destination: Sendable, Hashable {
        /// One configured channel (`channel_key`).
        case channel(String)
        /// A configured channel group (`channel_group_key`): every channel whose rules hold.
        case group(String)
    }

    /// The channel type (`email`, `sms`, `push`, `chat`, `in_app_feed`, `webhook`).
    public var channelType: ChannelType
    /// The channel or channel group.
    public var destination: Destination
    /// The templates.
    public var template: ChannelTemplate
    /// The send windows; empty means any time.
    public var sendWindows: [SendWindow]

    /// Creates a channel step.
    public init(
        channelType: ChannelType, destination: Destination, template: ChannelTemplate, sendWindows: [SendWindow]
    ) {
        self.channelType = channelType
        self.destination = destination
        self.template = template
        self.sendWindows = sendWindows
    }
}

/// A parsed Liquid template with its source text.
public struct WorkflowTemplate: Sendable {
    /// The source text.
    public var source: String
    /// The parsed template.
    public var template: LiquidTemplate

    /// Creates a template.
    public init(source: String, template: LiquidTemplate) {
        self.source = source
        self.template = template
    }
}

/// The templates of a channel step, one case per channel type (Knock's `*Template` objects).
public enum ChannelTemplate: Sendable {
    /// `subject`, `html_body`, `text_body`.
    case email(subject: WorkflowTemplate, html: WorkflowTemplate?, text: WorkflowTemplate?)
    /// `text_body`.
    case sms(text: WorkflowTemplate)
    /// `title`, `text_body`, `settings.delivery_type` (`silent` sends no alert), `settings.payload_overrides`
    /// (a JSON object template merged into the push data).
    case push(title: WorkflowTemplate?, text: WorkflowTemplate?, silent: Bool, payloadOverrides: WorkflowTemplate?)
    /// `markdown_body`, `json_body` (Block Kit blocks as a JSON template), `summary`.
    case chat(markdown: WorkflowTemplate, json: WorkflowTemplate?, summary: WorkflowTemplate?)
    /// `markdown_body`, `action_url`.
    case inAppFeed(markdown: WorkflowTemplate, actionURL: WorkflowTemplate?)
    /// An HTTP request: `method`, `url`, `headers`, `query_params`, `body`.
    case webhook(RequestTemplate)
}

/// A templated HTTP request (fetch steps and webhook channel steps): every field but the method is Liquid.
public struct RequestTemplate: Sendable {
    /// The method, upper-case: GET, POST, PUT, DELETE or PATCH.
    public var method: String
    /// The URL.
    public var url: WorkflowTemplate
    /// Headers as key/value templates, or one template rendering to a JSON object.
    public var headers: KeyValueTemplates
    /// Query parameters, like headers.
    public var query: KeyValueTemplates
    /// The body: a template rendering to JSON (POST, PUT and PATCH only).
    public var body: WorkflowTemplate?

    /// Creates a request template.
    public init(
        method: String, url: WorkflowTemplate, headers: KeyValueTemplates = .pairs([]),
        query: KeyValueTemplates = .pairs([]), body: WorkflowTemplate? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.query = query
        self.body = body
    }

    /// The methods accepted.
    public static let methods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
}

/// Headers or query parameters: a list of `{key, value}` templates, or one template that renders to a
/// JSON object of strings.
public enum KeyValueTemplates: Sendable {
    /// `[{"key": "X-Id", "value": "{{ recipient.id }}"}]`.
    case pairs([(key: WorkflowTemplate, value: WorkflowTemplate)])
    /// `"{{ data.headers | json }}"`.
    case object(WorkflowTemplate)
}

/// A fetch step: a templated request, where its response goes, and optional request signing.
public struct FetchStep: Sendable {
    /// The request.
    public var request: RequestTemplate
    /// A dot path in `data` where the response is placed; `nil` to merge it shallowly into `data`.
    public var responsePath: String?
    /// The secret variable holding the signing key; `nil` when requests are not signed.
    public var signingKeyVariable: String?

    /// Creates a fetch step.
    public init(request: RequestTemplate, responsePath: String? = nil, signingKeyVariable: String? = nil) {
        self.request = request
        self.responsePath = responsePath
        self.signingKeyVariable = signingKeyVariable
    }

    /// How long a request may take.
    public static let timeoutSeconds = 15.0
    /// The delays before the second and third attempts of a request that failed with 5xx or a timeout.
    public static let retryDelays: [Double] = [30, 60]
}

/// A trigger-workflow step: each field is a Liquid template with Knock's default.
public struct TriggerWorkflowStep: Sendable {
    /// The key of the workflow to trigger.
    public var workflowKey: WorkflowTemplate
    /// Recipients: a user id, or JSON (an id, a recipient object, or a list); default `{{ recipient.id }}`.
    public var recipients: WorkflowTemplate
    /// The actor; default `{{ actor.id }}`.
    public var actor: WorkflowTemplate
    /// The tenant; default `{{ tenant.id }}`.
    public var tenant: WorkflowTemplate
    /// The data, a JSON object; default `{{ data | json }}`.
    public var data: WorkflowTemplate
    /// The cancellation key; default `{{ workflow.cancellation_key }}`.
    public var cancellationKey: WorkflowTemplate

    /// Creates the step.
    public init(
        workflowKey: WorkflowTemplate, recipients: WorkflowTemplate, actor: WorkflowTemplate, tenant: WorkflowTemplate,
        data: WorkflowTemplate, cancellationKey: WorkflowTemplate
    ) {
        self.workflowKey = workflowKey
        self.recipients = recipients
        self.actor = actor
        self.tenant = tenant
        self.data = data
        self.cancellationKey = cancellationKey
    }

    /// The defaults of each field.
    public static let defaults: [String: String] = [
        "recipients": "{{ recipient.id }}", "actor": "{{ actor.id }}", "tenant": "{{ tenant.id }}",
        "data": "{{ data | json }}", "cancellation_key": "{{ workflow.cancellation_key }}",
    ]
}
