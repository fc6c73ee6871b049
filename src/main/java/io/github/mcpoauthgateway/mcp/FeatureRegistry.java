package io.github.mcpoauthgateway.mcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.util.DefaultMcpUriTemplateManagerFactory;
import io.modelcontextprotocol.util.McpUriTemplateManager;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The prompts, resources and resource templates the {@link ToolGroups groups} (gateway
 * targets) serve, each owned by exactly one group, whose access rule applies to it as to
 * the group's tools.
 * <p>
 * Prompts are served under the names their group gives them. Resources keep their URIs,
 * since URIs appear inside tool results and resource links, and renaming them would break
 * those. A name, URI or URI template that another group already serves is a clash: it is
 * not published for the group that offers it second (the group is told why), so a read
 * never reaches the wrong upstream. A URI that no group lists but the templates of more
 * than one group match belongs to no group, and is refused.
 */
public final class FeatureRegistry {

	private static final DefaultMcpUriTemplateManagerFactory TEMPLATES = new DefaultMcpUriTemplateManagerFactory();

	private final Map<String, Published> groups = new LinkedHashMap<>();

	private final List<Consumer<Kind>> listeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<String>> updateListeners = new CopyOnWriteArrayList<>();

	// Read on every request without a lock; replaced whole under the lock on a change.
	private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of(), Map.of());

	/**
	 * Publishes what a group serves now, in place of what it served before, and tells the
	 * listeners which lists changed.
	 * @param group the group
	 * @param source its prompts, resources and templates, as served
	 * @return why items were not published (each a name or URI another group serves);
	 * empty when all were
	 */
	public synchronized List<String> replaceGroup(String group, FeatureSource source) {
		Assert.hasText(group, "group must not be empty");
		List<String> problems = new ArrayList<>();
		Map<String, McpSchema.Prompt> prompts = new LinkedHashMap<>();
		for (McpSchema.Prompt prompt : source.prompts()) {
			String owner = owner(group, (other) -> other.prompts.containsKey(prompt.name()));
			if (owner != null) {
				problems.add("prompt " + prompt.name() + " is not served: already served by " + owner);
			}
			else {
				prompts.putIfAbsent(prompt.name(), prompt);
			}
		}
		Map<String, McpSchema.Resource> resources = new LinkedHashMap<>();
		for (McpSchema.Resource resource : source.resources()) {
			String owner = owner(group, (other) -> other.resources.containsKey(resource.uri()));
			if (owner != null) {
				problems.add("resource " + resource.uri() + " is not served: already served by " + owner);
			}
			else {
				resources.putIfAbsent(resource.uri(), resource);
			}
		}
		Map<String, McpSchema.ResourceTemplate> templates = new LinkedHashMap<>();
		for (McpSchema.ResourceTemplate template : source.resourceTemplates()) {
			String owner = owner(group, (other) -> other.templates.containsKey(template.uriTemplate()));
			if (owner != null) {
				problems
					.add("resource template " + template.uriTemplate() + " is not served: already served by " + owner);
			}
			else {
				templates.putIfAbsent(template.uriTemplate(), template);
			}
		}
		Published before = this.groups.put(group, new Published(source, prompts, resources, templates));
		this.snapshot = snapshot();
		boolean promptsChanged = before == null ? !prompts.isEmpty()
				: !List.copyOf(before.prompts.values()).equals(List.copyOf(prompts.values()));
		boolean resourcesChanged = before == null ? !resources.isEmpty() || !templates.isEmpty()
				: !List.copyOf(before.resources.values()).equals(List.copyOf(resources.values()))
						|| !List.copyOf(before.templates.values()).equals(List.copyOf(templates.values()));
		if (promptsChanged) {
			this.listeners.forEach((listener) -> listener.accept(Kind.PROMPTS));
		}
		if (resourcesChanged) {
			this.listeners.forEach((listener) -> listener.accept(Kind.RESOURCES));
		}
		return problems;
	}

	private @Nullable String owner(String group, java.util.function.Predicate<Published> serves) {
		for (Map.Entry<String, Published> other : this.groups.entrySet()) {
			if (!other.getKey().equals(group) && serves.test(other.getValue())) {
				return other.getKey();
			}
		}
		return null;
	}

	/**
	 * Passes on that a resource changed, when the group that reports it owns the URI: a
	 * group can never signal another group's resource.
	 * @param group the group that reports the change
	 * @param uri the resource
	 */
	public void resourceUpdated(String group, String uri) {
		Owned<?> owner = resource(uri);
		if (owner != null && owner.group().equals(group)) {
			this.updateListeners.forEach((listener) -> listener.accept(uri));
		}
	}

	/**
	 * Registers a listener told which list changed.
	 * @param listener the listener
	 */
	void onChange(Consumer<Kind> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Registers a listener told the URI of each resource that changed.
	 * @param listener the listener
	 */
	void onResourceUpdated(Consumer<String> listener) {
		this.updateListeners.add(listener);
	}

	List<Owned<McpSchema.Prompt>> prompts() {
		return List.copyOf(this.snapshot.prompts().values());
	}

	List<Owned<McpSchema.Resource>> resources() {
		return List.copyOf(this.snapshot.resources().values());
	}

	List<Owned<McpSchema.ResourceTemplate>> resourceTemplates() {
		return List.copyOf(this.snapshot.templates().values());
	}

	@Nullable Owned<McpSchema.Prompt> prompt(String name) {
		return this.snapshot.prompts().get(name);
	}

	/**
	 * The group serving a URI: the one that lists it, or else the one whose template
	 * matches it, when only one group's do.
	 * @param uri the resource URI
	 * @return its owner, or {@code null} for a URI no group serves, or more than one
	 * could
	 */
	@Nullable Owned<?> resource(String uri) {
		Snapshot current = this.snapshot;
		Owned<McpSchema.Resource> listed = current.resources().get(uri);
		if (listed != null) {
			return listed;
		}
		Owned<?> matched = null;
		for (Map.Entry<String, McpUriTemplateManager> template : current.matchers().entrySet()) {
			if (template.getValue().matches(uri)) {
				Owned<McpSchema.ResourceTemplate> owner = Objects.requireNonNull(
						current.templates().get(template.getKey()), "A URI template matcher has no template");
				if (matched != null && !matched.group().equals(owner.group())) {
					return null;
				}
				matched = owner;
			}
		}
		return matched;
	}

	/**
	 * The group serving a resource template, by the template itself (a completion's
	 * reference) or by a URI it matches.
	 * @param uriOrTemplate the template or a URI
	 * @return the owner, or {@code null}
	 */
	@Nullable Owned<?> template(String uriOrTemplate) {
		Owned<McpSchema.ResourceTemplate> exact = this.snapshot.templates().get(uriOrTemplate);
		return (exact != null) ? exact : resource(uriOrTemplate);
	}

	/**
	 * The capabilities the server declares to a client that initializes now: its own,
	 * plus prompts, resources and completions when a group offers them.
	 * @param own the server's own capabilities
	 * @param subscriptions whether the transport can deliver resource updates (stateful)
	 * @return the capabilities
	 */
	McpSchema.ServerCapabilities capabilities(McpSchema.ServerCapabilities own, boolean subscriptions) {
		boolean prompts = false;
		boolean resources = false;
		boolean subscribe = false;
		boolean completions = false;
		for (Published group : this.snapshot.sources().values()) {
			McpSchema.ServerCapabilities offered = group.source.capabilities();
			prompts |= offered.prompts() != null;
			resources |= offered.resources() != null;
			subscribe |= offered.resources() != null && Boolean.TRUE.equals(offered.resources().subscribe());
			completions |= offered.completions() != null;
		}
		McpSchema.ServerCapabilities.Builder builder = own.mutate();
		// Lists change whenever a target's do, or it reconnects.
		if (prompts) {
			builder.prompts(true);
		}
		if (resources) {
			builder.resources(subscribe && subscriptions, true);
		}
		if (completions) {
			builder.completions();
		}
		return builder.build();
	}

	private Snapshot snapshot() {
		Map<String, Owned<McpSchema.Prompt>> prompts = new LinkedHashMap<>();
		Map<String, Owned<McpSchema.Resource>> resources = new LinkedHashMap<>();
		Map<String, Owned<McpSchema.ResourceTemplate>> templates = new LinkedHashMap<>();
		Map<String, McpUriTemplateManager> matchers = new LinkedHashMap<>();
		this.groups.forEach((group, published) -> {
			published.prompts
				.forEach((name, prompt) -> prompts.put(name, new Owned<>(group, published.source, prompt)));
			published.resources
				.forEach((uri, resource) -> resources.put(uri, new Owned<>(group, published.source, resource)));
			published.templates.forEach((uriTemplate, template) -> {
				templates.put(uriTemplate, new Owned<>(group, published.source, template));
				matchers.put(uriTemplate, TEMPLATES.create(uriTemplate));
			});
		});
		return new Snapshot(Collections.unmodifiableMap(prompts), Collections.unmodifiableMap(resources),
				Collections.unmodifiableMap(templates), Collections.unmodifiableMap(matchers), Map.copyOf(this.groups));
	}

	/** Which list changed. */
	enum Kind {

		PROMPTS, RESOURCES

	}

	/**
	 * An item and the group that serves it.
	 *
	 * @param group the group's name
	 * @param source the group's features
	 * @param item the item, as served
	 * @param <T> the item's type
	 */
	record Owned<T>(String group, FeatureSource source, T item) {

		Owned {
			Objects.requireNonNull(item);
		}

	}

	private record Published(FeatureSource source, Map<String, McpSchema.Prompt> prompts,
			Map<String, McpSchema.Resource> resources, Map<String, McpSchema.ResourceTemplate> templates) {
	}

	private record Snapshot(Map<String, Owned<McpSchema.Prompt>> prompts,
			Map<String, Owned<McpSchema.Resource>> resources, Map<String, Owned<McpSchema.ResourceTemplate>> templates,
			Map<String, McpUriTemplateManager> matchers, Map<String, Published> sources) {

		Snapshot(Map<String, Owned<McpSchema.Prompt>> prompts, Map<String, Owned<McpSchema.Resource>> resources,
				Map<String, Owned<McpSchema.ResourceTemplate>> templates, Map<String, Published> sources) {
			this(prompts, resources, templates, Map.of(), sources);
		}

	}

}
