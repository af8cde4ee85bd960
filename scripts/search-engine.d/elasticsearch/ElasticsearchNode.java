/*
 * Starts a single embedded Elasticsearch 8 node for local development and tests.
 *
 * There is no codelibs "cluster runner" for Elasticsearch 8 on Maven Central
 * (org.codelibs:elasticsearch-cluster-runner stops at 7.10.2), and the
 * Elasticsearch distribution itself is not published there either.  What *is*
 * published is the server jar (org.elasticsearch:elasticsearch) and the
 * transport-netty4 plugin.  This launcher wires those together the same way
 * Elasticsearch's own test framework (MockNode / MockPluginsService) does:
 * the plugins are loaded from the classpath instead of a modules/ directory.
 *
 * The class lives in package org.elasticsearch.node because Node's plugin
 * hook (NodeConstruction / NodeServiceProvider) is package-private.
 *
 * The "analysis-common" module (ngram, stemmer, snowball, asciifolding, ...)
 * is not published on Maven Central, so PortalAnalysisPlugin (below) provides
 * the analysis components that our search needs, built directly on Lucene.
 *
 * Usage: java -cp <jars>:<classes> org.elasticsearch.node.ElasticsearchNode
 *   -Des.node.home=DIR -Des.node.port=9250 [-Des.node.transport-port=9350]
 *   [-Des.node.cluster-name=portal-es] [-Des.node.host=127.0.0.1]
 */
package org.elasticsearch.node;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

public final class ElasticsearchNode {

    private ElasticsearchNode() {}

    static final class ClasspathServiceProvider extends NodeServiceProvider {
        private final List<Class<? extends Plugin>> classes;

        ClasspathServiceProvider(List<Class<? extends Plugin>> classes) {
            this.classes = classes;
        }

        @Override
        PluginsService newPluginService(Environment environment, Settings settings) {
            return new org.elasticsearch.plugins.ClasspathPluginsService(settings, environment, classes);
        }
    }

    static final class EmbeddedNode extends Node {
        EmbeddedNode(Environment env, List<Class<? extends Plugin>> plugins) {
            super(NodeConstruction.prepareConstruction(env, new ClasspathServiceProvider(plugins), true));
        }
    }

    private static String prop(String name, String def) {
        String v = System.getProperty("es.node." + name);
        return v == null || v.isEmpty() ? def : v;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(prop("home", ".cache/search-engine/elasticsearch/node")).toAbsolutePath();
        int port = Integer.parseInt(prop("port", "9250"));
        int transportPort = Integer.parseInt(prop("transport-port", Integer.toString(port + 100)));
        for (String d : List.of("config", "data", "logs", "modules", "plugins")) {
            Files.createDirectories(home.resolve(d));
        }
        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", prop("cluster-name", "portal-es"))
            .put("node.name", "portal-es-node")
            .put("network.host", prop("host", "127.0.0.1"))
            .put("http.port", port)
            .put("transport.port", transportPort)
            .put("discovery.type", "single-node")
            .put("action.destructive_requires_name", false)
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("indices.id_field_data.enabled", true)
            .put("logger.level", prop("log-level", "INFO"))
            .build();

        LogConfigurator.configureESLogging();
        LogConfigurator.configureWithoutConfig(settings);

        Environment env = InternalSettingsPreparer.prepareEnvironment(
            settings, Collections.emptyMap(), home.resolve("config"), () -> "portal-es-node");

        List<Class<? extends Plugin>> plugins = new ArrayList<>();
        plugins.add(org.elasticsearch.transport.netty4.Netty4Plugin.class);
        plugins.add(PortalAnalysisPlugin.class);

        Node node = new EmbeddedNode(env, plugins);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "es-shutdown"));
        node.start();
        System.out.println("Elasticsearch " + org.elasticsearch.Version.CURRENT + " started on http://"
            + prop("host", "127.0.0.1") + ":" + port);
        stopped.await();
    }
}
