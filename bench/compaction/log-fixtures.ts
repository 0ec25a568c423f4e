import { hex, seeded, timestamps } from './random.ts';

/**
 * Realistic container logs of failing apps, generated from a seed: a JVM
 * service crash-looping on its database (the previous container's log over
 * several restarts, with stack traces), and a Node service logging JSON
 * lines whose Redis goes away mid-traffic.
 */
const javaTrace = [
  'org.postgresql.util.PSQLException: Connection to db.payments.svc:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.',
  '\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:342)',
  '\tat org.postgresql.core.ConnectionFactory.openConnection(ConnectionFactory.java:54)',
  '\tat org.postgresql.jdbc.PgConnection.<init>(PgConnection.java:263)',
  '\tat com.zaxxer.hikari.pool.PoolBase.newConnection(PoolBase.java:359)',
  '\tat com.zaxxer.hikari.pool.HikariPool.checkFailFast(HikariPool.java:566)',
  '\tat shop.checkout.Application.main(Application.java:41)',
  'Caused by: java.net.ConnectException: Connection refused',
  '\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)',
  '\t... 14 common frames omitted',
];

export function crashLoopJavaLog(): string {
  const rand = seeded(7);
  const at = timestamps('2026-11-22T03:00:00.000Z', rand);
  const lines: string[] = [];
  for (let restart = 0; restart < 6; restart++) {
    const thread = `main-${hex(rand, 4)}`;
    lines.push(
      `${at(900)}  INFO 1 --- [${thread}] shop.checkout.Application : Starting Application v2.4.1 using Java 21.0.5 with PID 1`,
    );
    lines.push(
      `${at(50)}  INFO 1 --- [${thread}] shop.checkout.Application : The following 1 profile is active: "production"`,
    );
    lines.push(
      `${at(400)}  INFO 1 --- [${thread}] o.s.b.w.embedded.tomcat.TomcatWebServer : Tomcat initialized with port 8080 (http)`,
    );
    lines.push(
      `${at(60)}  WARN 1 --- [${thread}] o.s.b.a.orm.jpa.JpaBaseConfiguration : spring.jpa.open-in-view is enabled by default`,
    );
    for (let attempt = 1; attempt <= 12; attempt++) {
      lines.push(
        `${at(200)}  INFO 1 --- [${thread}] com.zaxxer.hikari.HikariDataSource : HikariPool-1 - Starting... attempt ${attempt}/12 (backoff ${attempt * 250}ms)`,
      );
      lines.push(
        `${at(20)} DEBUG 1 --- [${thread}] c.z.hikari.pool.PoolBase : HikariPool-1 - connection to 10.96.44.${12 + (attempt % 3)}:5432 timed out after ${1000 + Math.floor(rand() * 200)}ms`,
      );
    }
    lines.push(
      `${at(30)} ERROR 1 --- [${thread}] com.zaxxer.hikari.pool.HikariPool : HikariPool-1 - Exception during pool initialization.`,
    );
    lines.push(...javaTrace);
    lines.push(
      `${at(10)} ERROR 1 --- [${thread}] o.s.boot.SpringApplication : Application run failed`,
    );
    lines.push(
      `${at(5)}  INFO 1 --- [ionShutdownHook] o.s.b.w.e.tomcat.GracefulShutdown : Commencing graceful shutdown. Waiting for active requests to complete`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function redisOutageNodeLog(): string {
  const rand = seeded(11);
  const at = timestamps('2026-11-22T04:10:00.000Z', rand);
  const paths = [
    '/api/cart',
    '/api/cart/items',
    '/api/catalog/search',
    '/healthz',
    '/api/checkout/quote',
  ];
  const lines: string[] = [];
  for (let i = 0; i < 700; i++) {
    const failing = i > 420 && i < 640;
    const path = paths[Math.floor(rand() * paths.length)] ?? '/';
    const req = hex(rand, 16);
    if (failing && i % 3 === 0) {
      lines.push(
        JSON.stringify({
          level: 'error',
          time: at(40),
          pid: 1,
          hostname: 'cart-6f7d9c8b5-x2kqp',
          reqId: req,
          msg: 'redis: connect ECONNREFUSED 10.96.120.7:6379',
          path,
        }),
      );
      continue;
    }
    if (failing && i % 3 === 1) {
      lines.push(
        JSON.stringify({
          level: 'warn',
          time: at(40),
          pid: 1,
          hostname: 'cart-6f7d9c8b5-x2kqp',
          reqId: req,
          msg: `cache miss fallback to db took ${200 + Math.floor(rand() * 900)}ms`,
          path,
        }),
      );
      continue;
    }
    const status = path === '/healthz' ? 200 : failing ? 503 : 200;
    lines.push(
      JSON.stringify({
        level: 'info',
        time: at(40),
        pid: 1,
        hostname: 'cart-6f7d9c8b5-x2kqp',
        reqId: req,
        req: { method: 'GET', url: `${path}?session=${hex(rand, 24)}` },
        res: { statusCode: status },
        responseTime: Math.floor(rand() * 80) + 2,
        msg: 'request completed',
      }),
    );
  }
  lines.push(
    JSON.stringify({
      level: 'fatal',
      time: at(40),
      pid: 1,
      hostname: 'cart-6f7d9c8b5-x2kqp',
      msg: 'too many redis errors (220 in 60s), exiting so Kubernetes restarts the pod',
    }),
  );
  return `${lines.join('\n')}\n`;
}
