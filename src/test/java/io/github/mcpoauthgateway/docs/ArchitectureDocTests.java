package io.github.mcpoauthgateway.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import jakarta.servlet.Filter;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.filter.DelegatingFilterProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/architecture.md cannot drift from the code: its package list is the packages under
 * src/main/java, and its filter order for {@code /mcp} is the one the running server
 * applies, in the default mode (direct Cognito, stateful transport).
 */
class ArchitectureDocTests extends AbstractMcpServerTests {

	static final String DOCUMENT = "docs/architecture.md";

	private static final String ROOT_PACKAGE = "io.github.mcpoauthgateway";

	private static final Path SOURCES = Path.of("src/main/java/io/github/mcpoauthgateway");

	/** A numbered item that starts with a class name: "3. `CorsFilter`: ...". */
	private static final Pattern NUMBERED_CLASS = Pattern.compile("^\\d+\\. `([A-Za-z0-9]+)`", Pattern.MULTILINE);

	/** A bullet that starts with a package: "- `security.jwt`: ...". */
	private static final Pattern PACKAGE_ITEM = Pattern.compile("^- `([a-z0-9.]+)`", Pattern.MULTILINE);

	private static final Pattern FILTER_CLASS = Pattern.compile("^(?:public )?(?:final )?class (\\w+Filter) ",
			Pattern.MULTILINE);

	@Autowired
	private ServletWebServerApplicationContext context;

	@Test
	void packageListWhenComparedWithTheSourcesThenOneLineForEachPackage() throws IOException {
		String section = Documents.section(Documents.text(DOCUMENT), "<!-- packages -->", "<!-- /packages -->");
		List<String> documented = matches(PACKAGE_ITEM, section);
		assertThat(documented).as("the packages %s lists", DOCUMENT).doesNotHaveDuplicates();
		assertThat(new TreeSet<>(documented)).as("the packages %s lists", DOCUMENT).isEqualTo(sourcePackages());
	}

	@Test
	void servletFiltersWhenRequestToMcpThenInTheDocumentedOrder() {
		String section = Documents.section(Documents.text(DOCUMENT), "<!-- servlet-filters -->",
				"<!-- /servlet-filters -->");
		assertThat(servletFiltersOfMcp()).as("servlet filters of /mcp, in order; %s, section servlet-filters", DOCUMENT)
			.isEqualTo(matches(NUMBERED_CLASS, section));
	}

	@Test
	void securityFilterChainWhenRequestToMcpThenInTheDocumentedOrder() {
		String section = Documents.section(Documents.text(DOCUMENT), "<!-- security-filters -->",
				"<!-- /security-filters -->");
		assertThat(securityFiltersOfMcp())
			.as("filters of the security filter chain of /mcp, in order; %s, section security-filters", DOCUMENT)
			.isEqualTo(matches(NUMBERED_CLASS, section));
	}

	@Test
	void filterClassesWhenInTheSourcesThenNamedInTheDocument() throws IOException {
		String document = Documents.text(DOCUMENT);
		try (Stream<Path> files = Files.walk(SOURCES)) {
			List<String> filters = files.filter((file) -> file.toString().endsWith(".java"))
				.flatMap((file) -> matches(FILTER_CLASS, read(file)).stream())
				.toList();
			assertThat(filters).isNotEmpty();
			assertThat(filters.stream().filter((filter) -> !document.contains("`" + filter + "`")))
				.as("filter classes %s does not name", DOCUMENT)
				.isEmpty();
		}
	}

	/**
	 * The filters Tomcat runs in front of the MCP servlet, in Tomcat's order: those
	 * mapped to every path and those mapped to the servlet itself.
	 */
	private List<String> servletFiltersOfMcp() {
		Set<String> mcpServlets = new TreeSet<>();
		this.context.getBeansOfType(ServletRegistrationBean.class)
			.values()
			.stream()
			.filter((registration) -> registration.getUrlMappings().contains("/mcp"))
			.forEach((registration) -> mcpServlets.add(registration.getServletName()));
		assertThat(mcpServlets).as("the servlet at /mcp").hasSize(1);
		Context tomcat = tomcatContext();
		List<String> filters = new ArrayList<>();
		for (FilterMap map : tomcat.findFilterMaps()) {
			boolean everyPath = Arrays.asList(map.getURLPatterns()).contains("/*")
					|| Arrays.asList(map.getURLPatterns()).contains("/mcp");
			boolean mcpServlet = Arrays.stream(map.getServletNames()).anyMatch(mcpServlets::contains);
			if (everyPath || mcpServlet) {
				filters.add(servletFilterName(tomcat.findFilterDef(map.getFilterName()).getFilter()));
			}
		}
		return filters;
	}

	/**
	 * A filter's class name; for the proxies Spring Boot registers for Spring Security
	 * and Spring Session, the class of the bean each delegates to.
	 */
	private String servletFilterName(Filter filter) {
		if (filter instanceof DelegatingFilterProxy) {
			String target = ReflectionTestUtils.invokeMethod(filter, "getTargetBeanName");
			Class<?> type = (target != null) ? this.context.getType(target) : null;
			if (type != null) {
				return type.getSimpleName();
			}
		}
		return simpleName(filter);
	}

	private Context tomcatContext() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		for (Container child : server.getTomcat().getHost().findChildren()) {
			if (child instanceof Context found) {
				return found;
			}
		}
		throw new IllegalStateException("No Tomcat context");
	}

	private List<String> securityFiltersOfMcp() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
		FilterChainProxy proxy = this.context.getBean(FilterChainProxy.class);
		SecurityFilterChain chain = proxy.getFilterChains()
			.stream()
			.filter((candidate) -> candidate.matches(request))
			.findFirst()
			.orElseThrow();
		return chain.getFilters().stream().map(ArchitectureDocTests::simpleName).toList();
	}

	/**
	 * A filter's class name; an anonymous subclass, such as the proxy Spring Boot
	 * registers for Spring Security, by the class it extends.
	 */
	private static String simpleName(Filter filter) {
		Class<?> type = filter.getClass();
		while (type.isAnonymousClass()) {
			type = type.getSuperclass();
		}
		return type.getSimpleName();
	}

	private static Set<String> sourcePackages() throws IOException {
		try (Stream<Path> files = Files.walk(SOURCES)) {
			Set<String> packages = new TreeSet<>();
			files.filter((file) -> file.toString().endsWith(".java")).forEach((file) -> {
				String relative = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
				packages.add(relative.isEmpty() ? ROOT_PACKAGE : relative);
			});
			return packages;
		}
	}

	private static List<String> matches(Pattern pattern, String text) {
		List<String> found = new ArrayList<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
