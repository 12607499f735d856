/**
 * Stand-ins for the browser's camera and microphone in component tests (jsdom has neither):
 * `navigator.mediaDevices.getUserMedia` answering with a fake stream or a DOMException, and an
 * AudioContext that records what was connected to what.
 */
import { vi } from 'vitest';

export interface FakeTrack {
  kind: 'audio' | 'video';
  stop: ReturnType<typeof vi.fn>;
}

export function fakeStream(kinds: ('audio' | 'video')[] = ['video', 'audio']) {
  const tracks: FakeTrack[] = kinds.map((kind) => ({ kind, stop: vi.fn() }));
  const stream = {
    getTracks: () => tracks,
    getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
  } as unknown as MediaStream;
  return { stream, tracks };
}

/** Install a getUserMedia; returns its mock. Undo with removeMediaDevices (after each test). */
export function installMediaDevices(answer: () => Promise<MediaStream>) {
  const getUserMedia = vi.fn(answer);
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
  return getUserMedia;
}

export function removeMediaDevices() {
  Reflect.deleteProperty(navigator, 'mediaDevices');
}

/** An AudioContext that hears a loud microphone and records its connections. */
export function installFakeAudioContext() {
  const contexts: FakeAudioContext[] = [];
  class FakeAudioContext {
    readonly destination = { kind: 'speakers' };
    readonly connections: unknown[] = [];
    readonly close = vi.fn(async () => {});
    readonly resume = vi.fn(async () => {});
    constructor() {
      contexts.push(this);
    }
    createMediaStreamSource() {
      return {
        connect: (target: unknown) => void this.connections.push(target),
        disconnect: vi.fn(),
      };
    }
    createAnalyser() {
      return { fftSize: 2048, getByteTimeDomainData: (samples: Uint8Array) => samples.fill(200) };
    }
  }
  vi.stubGlobal('AudioContext', FakeAudioContext);
  return contexts;
}
