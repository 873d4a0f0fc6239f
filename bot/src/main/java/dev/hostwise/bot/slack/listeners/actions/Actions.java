package dev.hostwise.bot.slack.listeners.actions;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;

/** Small readers for block-action payloads, which carry the same facts in different places. */
final class Actions {

    private Actions() {
    }

    static BlockActionPayload.Action first(BlockActionPayload p) {
        return p.getActions().get(0);
    }

    /** The channel of the message the button sits on. */
    static String channel(BlockActionPayload p) {
        if (p.getContainer() != null && p.getContainer().getChannelId() != null) {
            return p.getContainer().getChannelId();
        }
        return p.getChannel() == null ? null : p.getChannel().getId();
    }

    /** The timestamp of the message the button sits on: the thread to reply in. */
    static String messageTs(BlockActionPayload p) {
        if (p.getContainer() != null && p.getContainer().getMessageTs() != null) {
            return p.getContainer().getMessageTs();
        }
        return p.getMessage() == null ? null : p.getMessage().getTs();
    }
}
