package dev.memax.server.platform;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;

/**
 * {@code Expect: 100-continue} with a {@code Content-Length} over the body limit
 * ({@code MEMAX_MAX_BODY_BYTES}) is answered {@code 413 payload_too_large} at once, without the
 * {@code 100 Continue} the framework would send when a route asks for the body: the client need
 * not upload what would be refused. The connection closes after the answer (the client may
 * send the body anyway). Other requests pass untouched.
 */
@Singleton
public class ExpectContinueGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    static final String HANDLER = "memax-expect-continue-guard";
    private static final String INBOUND = "micronaut-inbound-handler";
    private final long maxBodyBytes;

    public ExpectContinueGuard(@Value("${micronaut.server.max-request-size:10485760}") long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(channel);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(HANDLER) != null) {
                return;
            }
            if (pipeline.get(INBOUND) != null) {
                pipeline.addBefore(INBOUND, HANDLER, new Handler(maxBodyBytes));
            } else if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null) {
                pipeline.addAfter(
                        ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HANDLER, new Handler(maxBodyBytes));
            }
        }
    }

    static final class Handler extends ChannelInboundHandlerAdapter {
        private final long maxBodyBytes;
        /** Content of a refused request still arriving: dropped. */
        private boolean discarding;

        Handler(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (discarding && msg instanceof HttpContent content) {
                discarding = !(content instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest request
                    && request.decoderResult().isSuccess()
                    && HttpUtil.is100ContinueExpected(request)
                    && HttpUtil.getContentLength(request, -1L) > maxBodyBytes) {
                discarding = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(tooLarge(request)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.fireChannelRead(msg);
        }

        private FullHttpResponse tooLarge(HttpRequest request) {
            String id = RequestIds.accept(request.headers().get(RequestIds.HEADER));
            byte[] body = ("{\"error\":{\"code\":\"" + ErrorCode.PAYLOAD_TOO_LARGE.code()
                            + "\",\"message\":\"Request body exceeds the size limit (" + maxBodyBytes + " bytes)\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set(RequestIds.HEADER, id);
            return response;
        }
    }
}
