package io.homepot.appliance;

public final class Main {
    private Main() {}
    public static void main(String[] args) {
        System.out.println("HOMEPOT appliance skeleton");
    }
}
