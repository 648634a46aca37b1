export function greet(text) {
    const p = document.createElement("p");
    p.textContent = "Hello " + text;
    return p;
}
