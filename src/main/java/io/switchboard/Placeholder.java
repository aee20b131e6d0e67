package io.switchboard;
class Placeholder {}
