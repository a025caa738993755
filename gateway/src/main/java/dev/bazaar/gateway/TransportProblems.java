package dev.bazaar.gateway;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * A request the transport cannot even decode (a request line or headers beyond Netty's hard ceiling, which sits above
 * {@link EdgeLimits}', or garbage) is answered by reactor-netty itself, with an empty body. This gives those answers
 * the problem document every other error of the platform has. It touches nothing else: only a complete 4xx response
 * with no body and no content type, which is what reactor-netty writes for a decoding failure.
 */
@Component
class TransportProblems implements NettyServerCustomizer {

    private static final ProblemBodies PROBLEM_BODIES = new ProblemBodies();

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "bazaar.transportProblems", PROBLEM_BODIES);
            }
        });
    }

    @ChannelHandler.Sharable
    static final class ProblemBodies extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (message instanceof FullHttpResponse response && response.status().code() >= 400 && response.status().code() < 500
                    && response.content().readableBytes() == 0 && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
                int status = response.status().code();
                String title = response.status().reasonPhrase();
                byte[] body = ("{\"type\":\"" + UpstreamProblemHandler.TYPE_BASE + title.toLowerCase().replaceAll("[^a-z0-9]+", "-")
                        + "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + title + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                FullHttpResponse withBody = response.replace(Unpooled.wrappedBuffer(body));
                withBody.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                response.release();
                context.write(withBody, promise);
                return;
            }
            context.write(message, promise);
        }
    }
}
